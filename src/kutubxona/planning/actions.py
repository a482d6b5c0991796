"""Every change to work plans: each checks permission, runs in a transaction, is audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kutubxona.core import audit
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.planning import registry
from kutubxona.planning.builtin import ensure_template
from kutubxona.planning.facts import line_facts
from kutubxona.planning.models import (
    LINE_COPY_FIELDS,
    SECTION_COPY_FIELDS,
    LineFields,
    ManualFact,
    Plan,
    PlanEvent,
    PlanEventKind,
    PlanLine,
    PlanSection,
    PlanStatus,
    SectionFields,
    Template,
    TemplateLine,
)
from kutubxona.planning.xlsx_import import RowError, read_plan

EDITABLE_LINE_FIELDS = ["target", "last_year", "note", "name_uz", "name_ru", "name_en", "unit", "deadline"]
AMENDABLE_LINE_FIELDS = ["target", "note"]


def _check(actor: User | None, perm: str, institution: Institution) -> None:
    """`actor=None` is the system itself (demo, installation), which may do anything."""
    if actor is not None:
        require(actor, perm, institution)


def _refuse_if_locked(plan: Plan) -> None:
    if plan.status == PlanStatus.APPROVED:
        raise ValidationError(_("The plan is approved: change it through an amendment with a reason."))
    if plan.status == PlanStatus.SUBMITTED:
        raise ValidationError(_("The plan is waiting for approval: it cannot be changed now."))


def _copy_structure(
    plan: Plan,
    sections: Sequence[SectionFields],
    lines: Sequence[LineFields],
    last_year: dict[str, Decimal] | None = None,
) -> None:
    """Give `plan` copies of these sections and lines (of a template, or of another plan)."""
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, **{f: getattr(s, f) for f in SECTION_COPY_FIELDS}) for s in sections
    )
    PlanLine.objects.bulk_create(
        PlanLine(
            plan=plan,
            last_year=(last_year or {}).get(line.number),
            **{f: getattr(line, f) for f in LINE_COPY_FIELDS},
        )
        for line in lines
    )


@transaction.atomic
def create_plan(
    actor: User | None,
    institution: Institution,
    year: int,
    template: Template,
    *,
    status: str = PlanStatus.DRAFT,
) -> Plan:
    """A new plan with the template's sections and lines, targets left to fill in."""
    _check(actor, Perm.PLAN_EDIT, institution)
    if Plan.objects.filter(institution=institution, year=year).exists():
        raise ValidationError(_("There is already a plan for %(year)s.") % {"year": year})
    plan = Plan.objects.create(institution=institution, year=year, template=template, status=status)
    _copy_structure(plan, list(template.sections.all()), list(template.lines.all()))
    audit.record(
        actor, "plan.create", plan, institution=institution, changes={"year": year, "template": template.code}
    )
    return plan


@transaction.atomic
def set_values(actor: User | None, plan: Plan, values: dict[str, dict[str, Decimal | None]]) -> None:
    """Targets and last-year facts of many lines at once ({number: {"target": .., "last_year": ..}})."""
    _check(actor, Perm.PLAN_EDIT, plan.institution)
    _refuse_if_locked(plan)
    lines = {line.number: line for line in PlanLine.objects.filter(plan=plan)}
    unknown = sorted(set(values) - set(lines))
    if unknown:
        raise ValidationError(_("Unknown lines: %(lines)s") % {"lines": ", ".join(unknown)})
    for number, fields in values.items():
        for name, value in fields.items():
            if name not in {"target", "last_year"}:
                raise ValueError(name)
            setattr(lines[number], name, value)
    PlanLine.objects.bulk_update([lines[n] for n in values], ["target", "last_year"])
    audit.record(actor, "plan.set_values", plan, institution=plan.institution, changes={"lines": len(values)})


@transaction.atomic
def update_line(actor: User, line: PlanLine, **fields: Any) -> PlanLine:
    plan = line.plan
    require(actor, Perm.PLAN_EDIT, plan.institution)
    _refuse_if_locked(plan)
    changes = audit.apply_changes(line, fields, EDITABLE_LINE_FIELDS)
    audit.record(actor, "plan.update_line", line, institution=plan.institution, changes=changes)
    return line


@transaction.atomic
def add_line(actor: User, plan: Plan, **fields: Any) -> PlanLine:
    require(actor, Perm.PLAN_EDIT, plan.institution)
    _refuse_if_locked(plan)
    number = fields.get("number", "")
    if PlanLine.objects.filter(plan=plan, number=number).exists():
        raise ValidationError(
            {"number": _("Line %(number)s already exists in this plan.") % {"number": number}}
        )
    if not PlanSection.objects.filter(plan=plan, code=fields.get("section")).exists():
        raise ValidationError({"section": _("No such section in this plan.")})
    parent = fields.get("parent_number") or ""
    if parent and not PlanLine.objects.filter(plan=plan, number=parent).exists():
        raise ValidationError({"parent_number": _("No such parent line in this plan.")})
    last = PlanLine.objects.filter(plan=plan).aggregate(m=Max("order"))["m"] or 0
    line = PlanLine(plan=plan, order=last + 1, **fields)
    line.full_clean()
    line.save()
    audit.record(actor, "plan.add_line", line, institution=plan.institution, changes={"number": number})
    return line


@transaction.atomic
def remove_line(actor: User, line: PlanLine) -> None:
    plan = line.plan
    require(actor, Perm.PLAN_EDIT, plan.institution)
    _refuse_if_locked(plan)
    if PlanLine.objects.filter(plan=plan, parent_number=line.number).exists():
        raise ValidationError(_("Remove the sub-lines of line %(number)s first.") % {"number": line.number})
    if line.manual_facts.exists():
        raise ValidationError(_("Line %(number)s has facts; it cannot be removed.") % {"number": line.number})
    audit.record(
        actor, "plan.remove_line", line, institution=plan.institution, changes={"number": line.number}
    )
    line.delete()


def _event(plan: Plan, actor: User | None, kind: str, comment: str = "", **extra: Any) -> None:
    PlanEvent.objects.create(plan=plan, kind=kind, comment=comment, author=actor, **extra)


@transaction.atomic
def submit_plan(actor: User, plan: Plan) -> Plan:
    require(actor, Perm.PLAN_EDIT, plan.institution)
    if plan.status not in {PlanStatus.DRAFT, PlanStatus.RETURNED}:
        raise ValidationError(_("Only a draft or a returned plan can be submitted."))
    plan.status = PlanStatus.SUBMITTED
    plan.save(update_fields=["status"])
    _event(plan, actor, PlanEventKind.SUBMITTED)
    audit.record(actor, "plan.submit", plan, institution=plan.institution)
    return plan


def _require_parent_reviewer(actor: User | None, plan: Plan) -> None:
    """Plans are approved above: by the parent institution's methodist, never by their own."""
    if actor is None:
        return
    require(actor, Perm.PLAN_APPROVE, plan.institution)
    if actor.institution_id == plan.institution_id:
        raise PermissionDenied(_("A plan is approved by the institution above it."))


@transaction.atomic
def approve_plan(actor: User | None, plan: Plan, comment: str = "") -> Plan:
    _require_parent_reviewer(actor, plan)
    if plan.status != PlanStatus.SUBMITTED and actor is not None:
        raise ValidationError(_("Only a submitted plan can be approved."))
    plan.status = PlanStatus.APPROVED
    plan.approved_at = timezone.now()
    plan.approved_by = actor
    plan.save(update_fields=["status", "approved_at", "approved_by"])
    _event(plan, actor, PlanEventKind.APPROVED, comment)
    audit.record(actor, "plan.approve", plan, institution=plan.institution, changes={"comment": comment})
    return plan


@transaction.atomic
def return_plan(actor: User, plan: Plan, comment: str) -> Plan:
    _require_parent_reviewer(actor, plan)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be sent back."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should be changed.")})
    plan.status = PlanStatus.RETURNED
    plan.save(update_fields=["status"])
    _event(plan, actor, PlanEventKind.RETURNED, comment)
    audit.record(actor, "plan.return", plan, institution=plan.institution, changes={"comment": comment})
    return plan


@transaction.atomic
def amend_line(actor: User, line: PlanLine, reason: str, **changes: Any) -> PlanLine:
    """A change to an approved plan: kept in the plan's history with its reason."""
    plan = line.plan
    require(actor, Perm.PLAN_EDIT, plan.institution)
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Amendments are for approved plans; edit a draft directly."))
    if not reason.strip():
        raise ValidationError({"reason": _("An amendment needs a reason.")})
    diff = audit.apply_changes(line, changes, AMENDABLE_LINE_FIELDS)
    _event(plan, actor, PlanEventKind.AMENDED, reason, line_number=line.number, changes=diff)
    audit.record(actor, "plan.amend", line, institution=plan.institution, changes={**diff, "reason": reason})
    return line


def _validate_fact(line: PlanLine, date: datetime.date, value: Decimal, note: str) -> None:
    if date.year != line.plan.year:
        raise ValidationError({"date": _("The date must be in %(year)s.") % {"year": line.plan.year}})
    if value == 0:
        raise ValidationError({"value": _("Enter a number other than zero.")})
    if registry.get(line.metric_key) is not None and not note.strip():
        raise ValidationError(
            {"note": _("This line is counted from records; a manual adjustment needs a reason.")}
        )


@transaction.atomic
def add_manual_fact(
    actor: User,
    line: PlanLine,
    *,
    date: datetime.date,
    value: Decimal,
    note: str = "",
    attachment: UploadedFile | None = None,
) -> ManualFact:
    require(actor, Perm.PLAN_FACTS, line.plan.institution)
    if actor.institution_id != line.plan.institution_id:
        raise PermissionDenied(_("Facts are entered by the institution's own staff."))
    _validate_fact(line, date, value, note)
    fact = ManualFact(line=line, date=date, value=value, note=note, author=actor)
    if attachment is not None:
        fact.attachment.save(attachment.name or "file", attachment, save=False)
    fact.save()
    audit.record(
        actor,
        "plan.add_fact",
        fact,
        institution=line.plan.institution,
        changes={"line": line.number, "date": date.isoformat(), "value": str(value), "note": note},
    )
    return fact


@transaction.atomic
def delete_manual_fact(actor: User, fact: ManualFact) -> None:
    line = fact.line
    require(actor, Perm.PLAN_FACTS, line.plan.institution)
    audit.record(
        actor,
        "plan.delete_fact",
        fact,
        institution=line.plan.institution,
        changes={"line": line.number, "date": fact.date.isoformat(), "value": str(fact.value)},
    )
    fact.delete()


@transaction.atomic
def record_facts(
    actor: User | None, plan: Plan, rows: Iterable[tuple[PlanLine, datetime.date, Decimal, str]]
) -> int:
    """Many manual facts at once (the demo, a diary carried over from paper): one audit entry."""
    _check(actor, Perm.PLAN_FACTS, plan.institution)
    facts = []
    for line, date, value, note in rows:
        if line.plan_id != plan.pk:
            raise ValueError("line of another plan")
        _validate_fact(line, date, value, note)
        facts.append(ManualFact(line=line, date=date, value=value, note=note, author=actor))
    ManualFact.objects.bulk_create(facts, batch_size=2000)
    audit.record(
        actor, "plan.record_facts", plan, institution=plan.institution, changes={"facts": len(facts)}
    )
    return len(facts)


@transaction.atomic
def draft_next_year(actor: User | None, plan: Plan) -> Plan:
    """Next year's plan: the same lines, this year's facts as last year's, targets to fill in."""
    _check(actor, Perm.PLAN_EDIT, plan.institution)
    year = plan.year + 1
    if Plan.objects.filter(institution=plan.institution, year=year).exists():
        raise ValidationError(_("There is already a plan for %(year)s.") % {"year": year})
    lines = list(PlanLine.objects.filter(plan=plan))
    facts = line_facts([plan], lines, datetime.date(plan.year, 1, 1), datetime.date(plan.year, 12, 31))
    new = Plan.objects.create(institution=plan.institution, year=year, template=plan.template)
    _copy_structure(
        new, list(plan.sections.all()), lines, last_year={line.number: facts[line.pk].total for line in lines}
    )
    audit.record(
        actor, "plan.draft_next_year", new, institution=plan.institution, changes={"from": plan.year}
    )
    return new


def _template_lines(template: Template | None) -> dict[str, TemplateLine]:
    return {t.number: t for t in template.lines.all()} if template else {}


@transaction.atomic
def import_plan(
    actor: User, institution: Institution, year: int, file: IO[bytes]
) -> tuple[Plan | None, list[RowError]]:
    """A plan from XLSX. Any error: nothing is written, and the errors come back by row and column.

    A new plan takes the metric bindings and translations of the built-in template's line with
    the same number; an existing draft has its lines updated, added and removed to match.
    """
    require(actor, Perm.PLAN_EDIT, institution)
    codes = set(institution.services.values_list("code", flat=True))
    parsed = read_plan(file, codes)
    if parsed.errors:
        return None, parsed.errors
    plan = Plan.objects.filter(institution=institution, year=year).first()
    if plan is not None:
        _refuse_if_locked(plan)
    else:
        plan = Plan.objects.create(institution=institution, year=year, template=ensure_template())
    template = _template_lines(plan.template)
    existing = {line.number: line for line in PlanLine.objects.filter(plan=plan)}
    gone = [line for number, line in existing.items() if number not in {x["number"] for x in parsed.lines}]
    with_facts = [line.number for line in gone if line.manual_facts.exists()]
    if with_facts:
        raise ValidationError(
            _("Lines %(lines)s have facts and are missing from the file.") % {"lines": ", ".join(with_facts)}
        )
    for line in gone:
        line.delete()
    PlanSection.objects.filter(plan=plan).delete()
    for order, (code, name) in enumerate(parsed.sections):
        section = PlanSection(plan=plan, code=code, order=order, name_uz=name)
        known = (
            plan.template.sections.filter(code=code, name_uz__iexact=name).first() if plan.template else None
        )
        if known:
            section.name_ru, section.name_en = known.name_ru, known.name_en
        section.save()
    for order, data in enumerate(parsed.lines):
        data = {k: v for k, v in data.items() if k != "row"}
        line = existing.get(data["number"]) or PlanLine(plan=plan, number=data["number"])
        base = template.get(data["number"])
        if base is not None and line.pk is None:
            line.metric_key, line.metric_dimensions = base.metric_key, base.metric_dimensions
            if base.name_uz == data["name_uz"]:
                line.name_ru, line.name_en = base.name_ru, base.name_en
            if base.mechanism_uz == data["mechanism_uz"]:
                line.mechanism_ru, line.mechanism_en = base.mechanism_ru, base.mechanism_en
        for name, value in data.items():
            setattr(line, name, value)
        line.order = order
        line.save()
    PlanEvent.objects.create(
        plan=plan, kind=PlanEventKind.IMPORTED, author=actor, changes={"lines": len(parsed.lines)}
    )
    audit.record(
        actor,
        "plan.import",
        plan,
        institution=institution,
        changes={"lines": len(parsed.lines), "year": year},
    )
    return plan, []
