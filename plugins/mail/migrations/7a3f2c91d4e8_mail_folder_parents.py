"""mail: which folders of an account had subfolders at its last view

The first revision of the plugin's own history (its version table is
alembic_version_mail); the core's tables, ``connected_account`` among them, exist before it
runs.

Revision ID: 7a3f2c91d4e8
Revises:
Create Date: 2026-12-07 12:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = '7a3f2c91d4e8'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'mail_folder_parents',
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('folder_ids', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['account_id'], ['connected_account.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('account_id'),
    )


def downgrade():
    op.drop_table('mail_folder_parents')
