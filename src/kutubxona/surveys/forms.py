"""Forms: the questionnaire's header and questions (staff), and the answer form built from the
questions, the same for a respondent online and for staff typing in a paper questionnaire."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kutubxona.surveys.actions import Answers
from kutubxona.surveys.models import Question, QuestionKind, Survey


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "purpose", "opens_on", "closes_on"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "opens_on": DateInput(),
            "closes_on": DateInput(),
        }


class CopyForm(forms.Form):
    opens_on = forms.DateField(label=_("open from"), widget=DateInput())
    closes_on = forms.DateField(label=_("open until"), widget=DateInput())


class QuestionForm(forms.ModelForm):
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice question: one option per line."),
    )

    class Meta:
        model = Question
        fields = ["text", "kind", "required", "scale_max", "order"]
        widgets = {"order": forms.NumberInput(attrs={"min": 1})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Empty: after the last question.")
        if not self.instance.pk:
            self.initial["order"] = None
        self.order_fields(["text", "kind", "options", "scale_max", "required", "order"])
        if self.instance.pk and not self.is_bound:
            self.initial["options"] = "\n".join(self.instance.choices)

    def cleaned_fields(self) -> dict[str, Any]:
        """What the add/update actions take: the options as a list, only for choice questions."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        lines = [line.strip() for line in self.cleaned_data.get("options", "").splitlines()]
        choice = data["kind"] in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        data["choices"] = [line for line in lines if line] if choice else []
        return data

    def _post_clean(self) -> None:
        # The model is validated by the action (with the options); here only the fields.
        pass


def _field(question: Question) -> forms.Field:
    common: dict[str, Any] = {"label": question.text, "required": question.required}
    options = list(enumerate(question.options))
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
    if question.kind == QuestionKind.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            choices=options, coerce=int, widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.TypedChoiceField(
        choices=options, coerce=int, widget=forms.RadioSelect, empty_value=None, **common
    )


class AnswerForm(forms.Form):
    """One field per question, named `q<id>`, in the questions' order."""

    def __init__(self, questions: list[Question], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = _field(question)

    def answers(self) -> Answers:
        result: Answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if value is None or value in ("", []):
                continue
            result[question.pk] = (
                value.strip()
                if isinstance(value, str)
                else ([value] if isinstance(value, int) else list(value))
            )
        return result


class PaperAnswerForm(AnswerForm):
    """The same questions, and the day the paper questionnaire was filled in."""

    def __init__(self, questions: list[Question], *args: Any, **kwargs: Any) -> None:
        super().__init__(questions, *args, **kwargs)
        self.fields["answered_on"] = forms.DateField(
            label=_("Filled in on"), widget=DateInput(), initial=timezone.localdate
        )
        self.order_fields(["answered_on"])

    @property
    def answered_on(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["answered_on"]
        return value
