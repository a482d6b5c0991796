"""Every write of staff records, staff reports and trainings: permission, transaction, audit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.core import audit
from kutubxona.hr import figures as staff_figures
from kutubxona.hr.models import StaffMember, StaffReport, Training
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm

STAFF_FIELDS = [
    "full_name",
    "position",
    "service",
    "education",
    "library_work_since",
    "hired_on",
    "left_on",
    "rate",
    "user",
    "note",
]
TRAINING_FIELDS = [
    "topic",
    "organiser",
    "form",
    "direction",
    "starts_on",
    "ends_on",
    "hours",
    "external_participants",
    "note",
]


def _check(actor: User | None, institution: Institution) -> None:
    """`actor=None` is the system (demo, installation)."""
    if actor is not None:
        require(actor, Perm.HR_EDIT, institution)


def _check_user(member: StaffMember) -> None:
    if member.user is not None and member.user.institution_id != member.institution_id:
        raise ValidationError({"user": _("The user account belongs to another institution.")})


@transaction.atomic
def create_staff_member(actor: User | None, institution: Institution, **fields: Any) -> StaffMember:
    _check(actor, institution)
    member = StaffMember(institution=institution, **fields)
    member.full_clean()
    _check_user(member)
    member.save()
    audit.record(
        actor, "hr.staff.create", member, institution=institution, changes={"full_name": member.full_name}
    )
    return member


@transaction.atomic
def update_staff_member(actor: User | None, member: StaffMember, **changes: Any) -> StaffMember:
    _check(actor, member.institution)
    member = StaffMember.objects.select_for_update().get(pk=member.pk)
    if "user" in changes:
        member.user = changes["user"]
        _check_user(member)
    diff = audit.apply_changes(member, changes, STAFF_FIELDS)
    if diff:
        audit.record(actor, "hr.staff.update", member, institution=member.institution, changes=diff)
    return member


@transaction.atomic
def issue_report(
    actor: User | None,
    institution: Institution,
    kind: str,
    year: int,
    index: int,
    issued_on: datetime.date | None = None,
) -> tuple[StaffReport, bool]:
    """Save the report's figures as they are now; issuing it again replaces the snapshot.

    Returns (report, created): a re-issue does not count twice for plan line 2.
    """
    _check(actor, institution)
    period = staff_figures.period_of(kind, year, index)
    issued_on = issued_on or timezone.localdate()
    if issued_on < period.start:
        raise ValidationError(_("A report cannot be issued before its period begins."))
    data = staff_figures.build(institution, period)
    report, created = StaffReport.objects.select_for_update().get_or_create(
        institution=institution,
        kind=kind,
        year=year,
        index=index,
        defaults={"issued_on": issued_on, "figures": data, "issued_by": actor},
    )
    if not created:
        # The first issue date stays: it is the day the report went out and is counted.
        report.figures = data
        report.issued_by = actor
        report.save(update_fields=["figures", "issued_by"])
    audit.record(
        actor,
        "hr.report.issue" if created else "hr.report.reissue",
        report,
        institution=institution,
        changes={"kind": kind, "period": f"{year}-{report.period_code}", "total": data["total"]},
    )
    return report, created


def _participants(institution: Institution, participants: Iterable[StaffMember]) -> list[StaffMember]:
    people = list(participants)
    if any(p.institution_id != institution.pk for p in people):
        raise ValidationError(
            {"participants": _("A participant is a member of another institution's staff.")}
        )
    return people


@transaction.atomic
def create_training(
    actor: User | None,
    institution: Institution,
    participants: Iterable[StaffMember] = (),
    **fields: Any,
) -> Training:
    _check(actor, institution)
    people = _participants(institution, participants)
    training = Training(institution=institution, **fields)
    training.full_clean()
    training.save()
    training.participants.set(people)
    audit.record(
        actor,
        "hr.training.create",
        training,
        institution=institution,
        changes={"topic": training.topic, "participants": sorted(p.full_name for p in people)},
    )
    return training


@transaction.atomic
def update_training(
    actor: User | None,
    training: Training,
    participants: Iterable[StaffMember] | None = None,
    **changes: Any,
) -> Training:
    _check(actor, training.institution)
    training = Training.objects.select_for_update().get(pk=training.pk)
    diff: dict[str, Any] = audit.apply_changes(training, changes, TRAINING_FIELDS)
    if participants is not None:
        people = _participants(training.institution, participants)
        before = {p.pk: p.full_name for p in training.participants.all()}
        after = {p.pk: p.full_name for p in people}
        if before.keys() != after.keys():
            training.participants.set(people)
            # Names, as the audit log shows them (ids meant nothing to a reader of the log).
            diff["participants"] = [sorted(before.values()), sorted(after.values())]
    if diff:
        audit.record(actor, "hr.training.update", training, institution=training.institution, changes=diff)
    return training


@transaction.atomic
def delete_training(actor: User | None, training: Training) -> None:
    _check(actor, training.institution)
    audit.record(
        actor,
        "hr.training.delete",
        training,
        institution=training.institution,
        changes={"topic": training.topic},
    )
    training.delete()
