"""Supervision: agreements, sessions, case discussions, actions, workload, audits.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supervision_agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("supervisee_id", sa.Integer(), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("asye_started_on", sa.Date(), nullable=True),
        sa.Column("frequency_days_override", sa.Integer(), nullable=True),
        sa.Column("usual_duration_minutes", sa.Integer(), nullable=False),
        sa.Column("venue", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("confidentiality_terms", sa.Text(), nullable=False),
        sa.Column("recording_terms", sa.Text(), nullable=False),
        sa.Column("supervisor_agreed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("supervisee_agreed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["council.id"],
        ),
        sa.ForeignKeyConstraint(
            ["supervisee_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("supervision_agreement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supervision_agreement_council_id"), ["council_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_supervision_agreement_supervisee_id"), ["supervisee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_supervision_agreement_supervisor_id"), ["supervisor_id"], unique=False
        )

    op.create_table(
        "supervision_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["council.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("council_id", "kind", "version"),
    )
    with op.batch_alter_table("supervision_policy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supervision_policy_council_id"), ["council_id"], unique=False
        )

    op.create_table(
        "supervision_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("supervisee_id", sa.Integer(), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("status_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("planned_for", sa.Date(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("session_type", sa.String(length=40), nullable=False),
        sa.Column("functions", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("reflective_model", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("reflections", sa.Text(), nullable=False),
        sa.Column("wellbeing", sa.Integer(), nullable=True),
        sa.Column("support_needs", sa.Text(), nullable=False),
        sa.Column("learning_and_cpd", sa.Text(), nullable=False),
        sa.Column("career_goals", sa.Text(), nullable=False),
        sa.Column("share_personal_for_learning", sa.Boolean(), nullable=False),
        sa.Column("share_case_learning", sa.Boolean(), nullable=False),
        sa.Column("signed_off_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("supervisee_agreed", sa.Boolean(), nullable=True),
        sa.Column("supervisee_comment", sa.Text(), nullable=False),
        sa.Column("draft", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes > 0", name="ck_session_duration"
        ),
        sa.CheckConstraint(
            "wellbeing IS NULL OR (wellbeing >= 0 AND wellbeing <= 10)", name="ck_session_wellbeing"
        ),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["council.id"],
        ),
        sa.ForeignKeyConstraint(
            ["supervisee_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("supervision_session", schema=None) as batch_op:
        batch_op.create_index(
            "ix_supervision_session_council_date", ["council_id", "planned_for"], unique=False
        )
        batch_op.create_index(
            "ix_supervision_session_supervisee_date", ["supervisee_id", "planned_for"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_supervision_session_supervisor_id"), ["supervisor_id"], unique=False
        )

    op.create_table(
        "case_discussion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("case_reference", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("harm", sa.Text(), nullable=False),
        sa.Column("danger_statement", sa.Text(), nullable=False),
        sa.Column("complicating_factors", sa.Text(), nullable=False),
        sa.Column("existing_strengths", sa.Text(), nullable=False),
        sa.Column("existing_safety", sa.Text(), nullable=False),
        sa.Column("safety_goal", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("child_voice", sa.Text(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("learning_point", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["supervision_session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_discussion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_discussion_case_reference"), ["case_reference"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_discussion_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "session_attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["supervision_session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "person_id"),
    )
    with op.batch_alter_table("session_attendee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_attendee_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "session_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("amended_by_id", sa.Integer(), nullable=False),
        sa.Column("amended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["amended_by_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["supervision_session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "version"),
    )
    with op.batch_alter_table("session_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_version_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "supervision_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("auditor_id", sa.Integer(), nullable=False),
        sa.Column("elicit", sa.Text(), nullable=False),
        sa.Column("amplify", sa.Text(), nullable=False),
        sa.Column("reflect", sa.Text(), nullable=False),
        sa.Column("start_over", sa.Text(), nullable=False),
        sa.Column("child_voice_evident", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["auditor_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["council.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["supervision_session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("supervision_audit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supervision_audit_council_id"), ["council_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_supervision_audit_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "workload_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("cases", sa.Text(), nullable=False),
        sa.Column("extra_points", sa.Integer(), nullable=False),
        sa.Column("hours_over_contract", sa.Float(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("capacity", sa.Float(), nullable=False),
        sa.Column("rag", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["council.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["supervision_policy.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["supervision_session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("workload_snapshot", schema=None) as batch_op:
        batch_op.create_index(
            "ix_workload_snapshot_person_date", ["person_id", "taken_on"], unique=False
        )

    op.create_table(
        "safety_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("case_discussion_id", sa.Integer(), nullable=False),
        sa.Column("case_reference", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("rater_role", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.CheckConstraint("score >= 0 AND score <= 10", name="ck_safety_rating_score"),
        sa.ForeignKeyConstraint(
            ["case_discussion_id"],
            ["case_discussion.id"],
        ),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["council.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("safety_rating", schema=None) as batch_op:
        batch_op.create_index(
            "ix_safety_rating_case", ["council_id", "case_reference", "rated_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_safety_rating_case_discussion_id"), ["case_discussion_id"], unique=False
        )

    op.create_table(
        "supervision_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("case_discussion_id", sa.Integer(), nullable=True),
        sa.Column("supervisee_id", sa.Integer(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_discussion_id"],
            ["case_discussion.id"],
        ),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["council.id"],
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["supervision_session.id"],
        ),
        sa.ForeignKeyConstraint(
            ["supervisee_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("supervision_action", schema=None) as batch_op:
        batch_op.create_index(
            "ix_supervision_action_open", ["council_id", "status", "due_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_supervision_action_owner_id"), ["owner_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_supervision_action_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_supervision_action_supervisee_id"), ["supervisee_id"], unique=False
        )

    op.create_table(
        "workload_escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("rag", sa.String(length=40), nullable=False),
        sa.Column("raised_by_id", sa.Integer(), nullable=False),
        sa.Column("raised_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("contingency_action", sa.Text(), nullable=False),
        sa.Column("resolved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["council.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["workload_snapshot.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("workload_escalation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workload_escalation_council_id"), ["council_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_workload_escalation_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("workload_escalation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workload_escalation_person_id"))
        batch_op.drop_index(batch_op.f("ix_workload_escalation_council_id"))

    op.drop_table("workload_escalation")
    with op.batch_alter_table("supervision_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_action_supervisee_id"))
        batch_op.drop_index(batch_op.f("ix_supervision_action_session_id"))
        batch_op.drop_index(batch_op.f("ix_supervision_action_owner_id"))
        batch_op.drop_index("ix_supervision_action_open")

    op.drop_table("supervision_action")
    with op.batch_alter_table("safety_rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safety_rating_case_discussion_id"))
        batch_op.drop_index("ix_safety_rating_case")

    op.drop_table("safety_rating")
    with op.batch_alter_table("workload_snapshot", schema=None) as batch_op:
        batch_op.drop_index("ix_workload_snapshot_person_date")

    op.drop_table("workload_snapshot")
    with op.batch_alter_table("supervision_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_audit_session_id"))
        batch_op.drop_index(batch_op.f("ix_supervision_audit_council_id"))

    op.drop_table("supervision_audit")
    with op.batch_alter_table("session_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_version_session_id"))

    op.drop_table("session_version")
    with op.batch_alter_table("session_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_attendee_session_id"))

    op.drop_table("session_attendee")
    with op.batch_alter_table("case_discussion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_discussion_session_id"))
        batch_op.drop_index(batch_op.f("ix_case_discussion_case_reference"))

    op.drop_table("case_discussion")
    with op.batch_alter_table("supervision_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_session_supervisor_id"))
        batch_op.drop_index("ix_supervision_session_supervisee_date")
        batch_op.drop_index("ix_supervision_session_council_date")

    op.drop_table("supervision_session")
    with op.batch_alter_table("supervision_policy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_policy_council_id"))

    op.drop_table("supervision_policy")
    with op.batch_alter_table("supervision_agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_agreement_supervisor_id"))
        batch_op.drop_index(batch_op.f("ix_supervision_agreement_supervisee_id"))
        batch_op.drop_index(batch_op.f("ix_supervision_agreement_council_id"))

    op.drop_table("supervision_agreement")
