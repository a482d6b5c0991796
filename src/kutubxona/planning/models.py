"""Work plans: a template of lines, plans per institution and year, manual facts, history."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kutubxona.core.i18n import MultilingualName
from kutubxona.core.tenancy import institution_scoped
from kutubxona.core.text import to_cyrillic
from kutubxona.planning.vocabulary import ALL_SERVICES, Deadline, Unit


class LineFields(MultilingualName):
    """What a template line and a plan line share: the columns of the official table."""

    number = models.CharField(_("number"), max_length=10)
    parent_number = models.CharField(_("parent line"), max_length=10, blank=True)
    section = models.CharField(_("section"), max_length=10)
    order = models.PositiveIntegerField(default=0)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, blank=True)
    deadline = models.CharField(
        _("deadline"), max_length=20, choices=Deadline.choices, default=Deadline.DURING_YEAR
    )
    deadline_text = models.CharField(_("deadline as written"), max_length=200, blank=True)
    mechanism_uz = models.TextField(_("mechanism (Uzbek)"), blank=True)
    mechanism_ru = models.TextField(_("mechanism (Russian)"), blank=True)
    mechanism_en = models.TextField(_("mechanism (English)"), blank=True)
    services = models.JSONField(_("responsible services"), default=list, blank=True)
    metric_key = models.CharField(_("metric"), max_length=100, blank=True)
    metric_dimensions = models.JSONField(_("metric dimensions"), default=dict, blank=True)

    class Meta:
        abstract = True

    @property
    def mechanism(self) -> str:
        language = get_language() or "uz"
        if language == "uz-cyrl":
            return to_cyrillic(self.mechanism_uz)
        text: str = getattr(self, f"mechanism_{language}", "") if language in {"ru", "en"} else ""
        return text or self.mechanism_uz or self.mechanism_en

    @property
    def deadline_display(self) -> str:
        """The deadline as the plan wrote it in Uzbek (in the script of the interface), or,
        in Russian and English, the deadline kind it was read as."""
        language = get_language() or "uz"
        if language in {"uz", "uz-cyrl"} and self.deadline_text:
            return to_cyrillic(self.deadline_text) if language == "uz-cyrl" else self.deadline_text
        return str(Deadline(self.deadline).label) if self.deadline in Deadline.values else self.deadline_text

    @property
    def is_child(self) -> bool:
        return bool(self.parent_number)

    @property
    def services_display(self) -> str:
        """The responsible services' codes, the seed's "ALL" (every service) in words."""
        return ", ".join(str(_("all services")) if code == ALL_SERVICES else code for code in self.services)

    def answered_by(self, service_code: str) -> bool:
        """Whether the service answers for this line (a line for every service counts for each)."""
        return service_code in self.services or ALL_SERVICES in self.services


# The columns a plan line copies from its template line (and next year's plan from this one).
LINE_COPY_FIELDS = [f.name for f in LineFields._meta.fields]


class SectionFields(MultilingualName):
    code = models.CharField(_("code"), max_length=10)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True


SECTION_COPY_FIELDS = [f.name for f in SectionFields._meta.fields]


class Template(MultilingualName):
    """An indicator catalogue: the lines a kind of institution plans for. Not tenant-owned."""

    code = models.SlugField(_("code"), unique=True)

    class Meta:
        verbose_name = _("plan template")
        verbose_name_plural = _("plan templates")


class TemplateSection(SectionFields):
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="sections")

    class Meta:
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="template_section_unique")]


class TemplateLine(LineFields):
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="lines")

    class Meta:
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="template_line_unique")]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned for changes")


class Plan(models.Model):
    """An institution's work plan for one year."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    template = models.ForeignKey(Template, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[Plan]] = institution_scoped()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year", "institution__path"]
        constraints = [models.UniqueConstraint(fields=["institution", "year"], name="plan_per_year")]

    def __str__(self) -> str:
        return f"{self.institution.short} · {self.year}"

    @property
    def is_locked(self) -> bool:
        """Submitted and approved plans change only through the approval flow or an amendment."""
        return self.status in {PlanStatus.SUBMITTED, PlanStatus.APPROVED}


class PlanSection(SectionFields):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")

    objects: ClassVar[models.Manager[PlanSection]] = institution_scoped("plan__institution")

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="plan_section_unique")]


class PlanLine(LineFields):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="lines")
    last_year = models.DecimalField(
        _("last year's fact"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[PlanLine]] = institution_scoped("plan__institution")

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_line_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class ManualFact(models.Model):
    """A dated fact typed by hand: the source of a line no domain counts yet, or an adjustment."""

    line = models.ForeignKey(PlanLine, on_delete=models.CASCADE, related_name="manual_facts")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    attachment = models.FileField(_("file"), upload_to="planning/facts/%Y/", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[ManualFact]] = institution_scoped("line__plan__institution")

    class Meta:
        verbose_name = _("manual fact")
        verbose_name_plural = _("manual facts")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["line", "date"])]

    def __str__(self) -> str:
        return f"{self.date}: {self.value}"


class PlanEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("submitted for approval")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned for changes")
    AMENDED = "amended", _("amended")
    IMPORTED = "imported", _("imported from XLSX")


class PlanEvent(models.Model):
    """The plan's visible history: submissions, approvals, returns, amendments with reasons."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=PlanEventKind.choices)
    line_number = models.CharField(max_length=10, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[PlanEvent]] = institution_scoped("plan__institution")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan} {self.kind} {self.line_number}".strip()
