"""connected accounts keep preferred_username, Microsoft's value for login_hint

Revision ID: 5c1e0b7d9a43
Revises: 109a4f8e22df
Create Date: 2026-11-27 15:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1e0b7d9a43'
down_revision = '109a4f8e22df'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('connected_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username', sa.String(length=320), server_default='',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('connected_account', schema=None) as batch_op:
        batch_op.drop_column('username')
