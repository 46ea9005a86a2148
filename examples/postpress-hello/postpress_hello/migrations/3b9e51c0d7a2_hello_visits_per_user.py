"""hello: visits per user

The first revision of the plugin's own history (its version table is alembic_version_hello),
so it starts from nothing; the core's tables, ``user`` among them, exist before it runs.

Revision ID: 3b9e51c0d7a2
Revises:
Create Date: 2026-12-07 11:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3b9e51c0d7a2'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'hello_visit',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('visits', sa.Integer(), nullable=False),
        sa.Column('last_visit_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id'),
    )


def downgrade():
    op.drop_table('hello_visit')
