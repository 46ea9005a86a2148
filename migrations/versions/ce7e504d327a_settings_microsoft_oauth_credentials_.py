"""settings: Microsoft OAuth credentials, branding, audit log

Revision ID: ce7e504d327a
Revises: a7dd7e29c9f0
Create Date: 2026-11-27 13:21:10.336251

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ce7e504d327a'
down_revision = 'a7dd7e29c9f0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=320), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)

    op.create_table('branding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_name', sa.String(length=80), nullable=True),
    sa.Column('primary_color', sa.String(length=7), nullable=True),
    sa.Column('support_contact', sa.String(length=320), nullable=True),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('logo_type', sa.String(length=32), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('oauth_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=True),
    sa.Column('client_secret', sa.Text(), nullable=True),
    sa.Column('secret_hint', sa.String(length=8), nullable=True),
    sa.Column('secret_saved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('secret_expires_on', sa.Date(), nullable=True),
    sa.Column('pending_secret', sa.Text(), nullable=True),
    sa.Column('pending_hint', sa.String(length=8), nullable=True),
    sa.Column('pending_saved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('pending_expires_on', sa.Date(), nullable=True),
    sa.Column('pending_tested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('disabled_scopes', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('oauth_settings')
    op.drop_table('branding')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))

    op.drop_table('audit_event')
