"""social-clause facilitators: the facilitator kind of organisation, help on needs, calibrations,
notes and insertion hours

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 10:17:38.217960

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_organisation_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_organisation_kind'),
                                         "kind IN ('sse', 'buyer', 'organiser', 'facilitator')")
    op.create_table('clause_support',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('message', sa.String(length=1000), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('reminded_for', sa.Date(), nullable=True),
    sa.CheckConstraint("status IN ('offered', 'active', 'declined', 'ended')", name=op.f('ck_clause_support_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_clause_support_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_clause_support_decided_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['facilitator_id'], ['organisation.id'], name=op.f('fk_clause_support_facilitator_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_clause_support_need_id_need'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clause_support')),
    sa.UniqueConstraint('need_id', 'facilitator_id', name='uq_clause_support_need_facilitator')
    )
    with op.batch_alter_table('clause_support', schema=None) as batch_op:
        batch_op.create_index('ix_clause_support_facilitator', ['facilitator_id', 'status'], unique=False)
        batch_op.create_index('uq_clause_support_active_need', ['need_id'], unique=True,
                              sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))

    op.create_table('facilitator_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_facilitator_note_author_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['facilitator_id'], ['organisation.id'], name=op.f('fk_facilitator_note_facilitator_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_facilitator_note_need_id_need'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facilitator_note'))
    )
    with op.batch_alter_table('facilitator_note', schema=None) as batch_op:
        batch_op.create_index('ix_facilitator_note_need', ['need_id', 'facilitator_id', 'created_at'], unique=False)

    op.create_table('insertion_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=True),
    sa.Column('structure_id', sa.Integer(), nullable=True),
    sa.Column('structure_name', sa.String(length=200), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(length=500), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('hours > 0', name=op.f('ck_insertion_hours_hours')),
    sa.ForeignKeyConstraint(['facilitator_id'], ['organisation.id'], name=op.f('fk_insertion_hours_facilitator_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_insertion_hours_need_id_need'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_insertion_hours_recorded_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['structure_id'], ['organisation.id'], name=op.f('fk_insertion_hours_structure_id_organisation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_insertion_hours')),
    sa.UniqueConstraint('need_id', 'structure_id', 'period', name='uq_insertion_hours_need_structure_period')
    )
    with op.batch_alter_table('insertion_hours', schema=None) as batch_op:
        batch_op.create_index('ix_insertion_hours_structure', ['structure_id'], unique=False)

    op.create_table('clause_proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('support_id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('amount_eur', sa.Integer(), nullable=False),
    sa.Column('labour_share_pct', sa.Integer(), nullable=False),
    sa.Column('hourly_cost_cents', sa.Integer(), nullable=False),
    sa.Column('insertion_rate_tenths', sa.Integer(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('adopted_at', sa.DateTime(), nullable=True),
    sa.Column('adopted_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('hours >= 0 AND amount_eur > 0 AND hourly_cost_cents > 0', name=op.f('ck_clause_proposal_positive')),
    sa.CheckConstraint('labour_share_pct BETWEEN 1 AND 100', name=op.f('ck_clause_proposal_labour_share')),
    sa.ForeignKeyConstraint(['adopted_by_id'], ['user_account.id'], name=op.f('fk_clause_proposal_adopted_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_clause_proposal_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_clause_proposal_need_id_need'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['support_id'], ['clause_support.id'], name=op.f('fk_clause_proposal_support_id_clause_support'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clause_proposal'))
    )
    with op.batch_alter_table('clause_proposal', schema=None) as batch_op:
        batch_op.create_index('ix_clause_proposal_need', ['need_id', 'created_at'], unique=False)

    # ### end Alembic commands ###


def downgrade():
    op.execute("DELETE FROM organisation WHERE kind = 'facilitator'")
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_organisation_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_organisation_kind'), "kind IN ('sse', 'buyer', 'organiser')")
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('clause_proposal', schema=None) as batch_op:
        batch_op.drop_index('ix_clause_proposal_need')

    op.drop_table('clause_proposal')
    with op.batch_alter_table('insertion_hours', schema=None) as batch_op:
        batch_op.drop_index('ix_insertion_hours_structure')

    op.drop_table('insertion_hours')
    with op.batch_alter_table('facilitator_note', schema=None) as batch_op:
        batch_op.drop_index('ix_facilitator_note_need')

    op.drop_table('facilitator_note')
    with op.batch_alter_table('clause_support', schema=None) as batch_op:
        batch_op.drop_index('uq_clause_support_active_need')
        batch_op.drop_index('ix_clause_support_facilitator')

    op.drop_table('clause_support')
    # ### end Alembic commands ###
