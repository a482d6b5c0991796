"""A survey's results: how many respondents picked each option, and the free-text answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from kutubxona.surveys.charts import bar_chart
from kutubxona.surveys.models import Answer, Question, QuestionKind, Response, Survey


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    counts: list[int] = field(default_factory=list)  # per option, for choice and scale questions
    texts: list[str] = field(default_factory=list)  # free-text answers, in the order given

    @property
    def rows(self) -> list[tuple[str, int]]:
        return list(zip(self.question.options, self.counts, strict=True))

    @property
    def average(self) -> float | None:
        """A scale's mean score."""
        if self.question.kind != QuestionKind.SCALE or not self.answered:
            return None
        return sum((i + 1) * n for i, n in enumerate(self.counts)) / sum(self.counts)

    def chart(self) -> SafeString:
        return bar_chart(self.rows, self.question.text, base=self.answered)


def survey_results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """(number of responses, one result per question in order)."""
    results = {q.pk: QuestionResult(q, counts=[0] * len(q.options)) for q in survey.questions.all()}
    answers = Answer.objects.filter(response__survey=survey).order_by("response_id")
    for answer in answers.only("question_id", "picked", "text"):
        result = results.get(answer.question_id)
        if result is None:
            continue
        result.answered += 1
        if result.question.kind == QuestionKind.TEXT:
            result.texts.append(answer.text)
            continue
        for i in answer.picked:
            if 0 <= i < len(result.counts):
                result.counts[i] += 1
    return Response.objects.filter(survey=survey).count(), list(results.values())
