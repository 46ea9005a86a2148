"""secret expiry reminders: which were sent, so each goes out once

Revision ID: d3f8a61c2b90
Revises: 5c1e0b7d9a43
Create Date: 2026-12-07 11:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3f8a61c2b90'
down_revision = '5c1e0b7d9a43'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('secret_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('secret', sa.String(length=200), nullable=False),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('secret', 'threshold', 'channel', name='uq_secret_reminder')
    )


def downgrade():
    op.drop_table('secret_reminder')
