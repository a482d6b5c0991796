"""Surveys (so'rovnoma): a questionnaire, its questions, and the answers collected for it.

A survey is answered through a public link (an unguessable token) or typed in from paper by
staff; either way one `Response` holds one respondent's `Answer`s. Plan line 9 counts the
surveys started in the period that received at least one response (`metrics.py`).
"""

from __future__ import annotations

import datetime
import secrets
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.core.tenancy import institution_scoped

MAX_SCALE = 10


def new_token() -> str:
    """128 random bits, URL-safe: the public link cannot be guessed or enumerated."""
    return secrets.token_urlsafe(16)


class Survey(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    # Set when staff open the survey to the public link; paper answers do not need it.
    published_at = models.DateTimeField(_("opened"), null=True, blank=True)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[models.Manager[Survey]] = institution_scoped("institution")

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The survey cannot close before it opens.")})

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale")
    TEXT = "text", _("free text")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=True)
    # The options of a choice question, in order; answers refer to them by position.
    choices = models.JSONField(_("options"), default=list, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("scale from 1 to"), default=5)

    objects: ClassVar[models.Manager[Question]] = institution_scoped("survey__institution")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(self.choices) < 2:
            raise ValidationError({"choices": _("A choice question needs at least two options.")})
        if self.kind == QuestionKind.SCALE and not 2 <= self.scale_max <= MAX_SCALE:
            raise ValidationError(
                {
                    "scale_max": _("A scale goes from 1 to a number between 2 and %(max)s.")
                    % {"max": MAX_SCALE}
                }
            )

    @property
    def options(self) -> list[str]:
        """The labels a respondent picks from (a scale's are its numbers)."""
        if self.kind == QuestionKind.SCALE:
            return [str(n) for n in range(1, self.scale_max + 1)]
        return [str(choice) for choice in self.choices]


class ResponseSource(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("paper form")


class Response(models.Model):
    """One respondent's answers to a survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    answered_on = models.DateField(_("answered on"))
    source = models.CharField(_("source"), max_length=10, choices=ResponseSource.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("typed in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[models.Manager[Response]] = institution_scoped("survey__institution")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["answered_on", "id"]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Positions in `question.options` (0-based) for choice and scale questions; text otherwise.
    picked = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    objects: ClassVar[models.Manager[Answer]] = institution_scoped("response__survey__institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return self.display()

    def display(self) -> str:
        if self.question.kind == QuestionKind.TEXT:
            return self.text
        options = self.question.options
        return "; ".join(options[i] for i in self.picked if 0 <= i < len(options))
