"""admin_consent: consent records, consent errors, people seen per organization

The first revision of the plugin's own history (its version table is
alembic_version_admin_consent), so it starts from nothing.

Revision ID: 8d41c7e2a5f3
Revises:
Create Date: 2026-12-07 11:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '8d41c7e2a5f3'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'admin_consent_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tenant_id', sa.String(length=36), nullable=False),
        sa.Column('client_id', sa.String(length=64), nullable=False),
        sa.Column('credentials', sa.String(length=16), nullable=False),
        sa.Column('granted_by', sa.String(length=320), nullable=False),
        sa.Column('scopes', sa.Text(), nullable=False),
        sa.Column('method', sa.String(length=32), nullable=False),
        sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_admin_consent_record_tenant_id', 'admin_consent_record', ['tenant_id'])
    op.create_table(
        'admin_consent_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('case', sa.String(length=32), nullable=False),
        sa.Column('tenant_id', sa.String(length=36), nullable=True),
        sa.Column('domain', sa.String(length=255), nullable=True),
        sa.Column('client_id', sa.String(length=64), nullable=False),
        sa.Column('credentials', sa.String(length=16), nullable=False),
        sa.Column('error', sa.String(length=64), nullable=False),
        sa.Column('aadsts', sa.Integer(), nullable=True),
        sa.Column('correlation_id', sa.String(length=36), nullable=True),
        sa.Column('trace_id', sa.String(length=36), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token'),
    )
    op.create_index('ix_admin_consent_event_tenant_id', 'admin_consent_event', ['tenant_id'])
    op.create_index('ix_admin_consent_event_at', 'admin_consent_event', ['at'])
    op.create_table(
        'admin_consent_member',
        sa.Column('tenant_id', sa.String(length=36), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('username', sa.String(length=320), nullable=False),
        sa.Column('client_id', sa.String(length=64), nullable=False),
        sa.Column('last_sign_in', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('tenant_id', 'user_id'),
    )


def downgrade():
    op.drop_table('admin_consent_member')
    op.drop_index('ix_admin_consent_event_at', 'admin_consent_event')
    op.drop_index('ix_admin_consent_event_tenant_id', 'admin_consent_event')
    op.drop_table('admin_consent_event')
    op.drop_index('ix_admin_consent_record_tenant_id', 'admin_consent_record')
    op.drop_table('admin_consent_record')
