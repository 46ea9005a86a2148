"""browser sessions: a signed-out cookie stays signed out

Revision ID: 109a4f8e22df
Revises: ce7e504d327a
Create Date: 2026-11-27 14:07:10.690618

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '109a4f8e22df'
down_revision = 'ce7e504d327a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('browser_session',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('browser_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_browser_session_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_browser_session_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('browser_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_browser_session_user_id'))
        batch_op.drop_index(batch_op.f('ix_browser_session_expires_at'))

    op.drop_table('browser_session')
