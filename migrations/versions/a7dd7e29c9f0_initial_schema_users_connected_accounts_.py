"""initial schema: users, connected accounts, pending sign-ins

Revision ID: a7dd7e29c9f0
Revises: (none)
Create Date: 2026-11-27 13:05:00.231410

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7dd7e29c9f0'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_in_flow',
    sa.Column('state', sa.String(length=128), nullable=False),
    sa.Column('browser_binding', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('credentials_source', sa.String(length=16), nullable=False),
    sa.Column('code_verifier', sa.Text(), nullable=False),
    sa.Column('nonce', sa.Text(), nullable=False),
    sa.Column('redirect_uri', sa.Text(), nullable=False),
    sa.Column('scopes', sa.Text(), nullable=False),
    sa.Column('next_url', sa.Text(), nullable=True),
    sa.Column('data', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('state')
    )
    with op.batch_alter_table('sign_in_flow', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_flow_expires_at'), ['expires_at'], unique=False)

    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tid', sa.String(length=36), nullable=False),
    sa.Column('oid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('email_verified', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_sign_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('tid', 'oid', name='uq_user_identity')
    )
    op.create_table('connected_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('tid', sa.String(length=36), nullable=False),
    sa.Column('oid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('access_token', sa.Text(), nullable=True),
    sa.Column('refresh_token', sa.Text(), nullable=True),
    sa.Column('id_token', sa.Text(), nullable=True),
    sa.Column('access_token_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('refresh_token_issued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('connected_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_error_code', sa.String(length=64), nullable=True),
    sa.Column('last_error_aadsts', sa.Integer(), nullable=True),
    sa.Column('last_error_description', sa.Text(), nullable=True),
    sa.Column('last_error_trace_id', sa.String(length=36), nullable=True),
    sa.Column('last_error_correlation_id', sa.String(length=36), nullable=True),
    sa.Column('last_error_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('tid', 'oid', name='uq_account_identity')
    )
    with op.batch_alter_table('connected_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_connected_account_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('connected_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_connected_account_user_id'))

    op.drop_table('connected_account')
    op.drop_table('user')
    with op.batch_alter_table('sign_in_flow', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_flow_expires_at'))

    op.drop_table('sign_in_flow')
