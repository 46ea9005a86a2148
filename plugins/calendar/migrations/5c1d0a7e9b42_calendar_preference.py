"""calendar: the zone each user picked

The first revision of the plugin's own history (its version table is
alembic_version_calendar); the core's tables, ``user`` among them, exist before it runs.

Revision ID: 5c1d0a7e9b42
Revises:
Create Date: 2026-12-07 11:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = '5c1d0a7e9b42'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'calendar_preference',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('time_zone', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id'),
    )


def downgrade():
    op.drop_table('calendar_preference')
