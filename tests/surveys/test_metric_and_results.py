"""Plan line 9 counts surveys held (started in the period, at least one response); the results
page and exports count the answers right."""

from __future__ import annotations

import csv
import datetime
import io

from django.test import Client
from openpyxl import load_workbook

from kutubxona.planning.models import Plan
from kutubxona.surveys import actions, metrics
from kutubxona.surveys.models import Survey
from kutubxona.surveys.results import survey_results
from tests.conftest import World, login
from tests.surveys.conftest import CLOSES, answer_three, line_fact, make_survey


def test_a_survey_with_three_answers_moves_line_9_by_one(world: World, plan: Plan, survey: Survey) -> None:
    before = line_fact(plan, "9")
    answer_three(survey)
    assert line_fact(plan, "9") == before + 1


def test_a_survey_nobody_answered_is_not_held(world: World, plan: Plan, survey: Survey) -> None:
    assert metrics.count_surveys([world.arnasoy.pk], CLOSES.replace(month=1, day=1), CLOSES, {}) == {}
    assert line_fact(plan, "9") == 0


def test_counted_by_start_date_and_per_institution(world: World, survey: Survey) -> None:
    answer_three(survey)
    dec = make_survey(world, datetime.date(2021, 12, 20), datetime.date(2022, 1, 20))
    actions.submit_online(dec, _minimal(dec), today=datetime.date(2022, 1, 5))
    ids = [world.arnasoy.pk, world.dostlik.pk]
    year_2021 = (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    assert metrics.count_surveys(ids, *year_2021, {}) == {world.arnasoy.pk: 2}
    assert metrics.count_surveys(ids, datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), {}) == {}
    rows = metrics.survey_rows(ids, *year_2021, {}, 10)
    assert [row.url for row in rows] == [f"/surveys/{dec.pk}/", f"/surveys/{survey.pk}/"]


def test_results_count_each_option(survey: Survey) -> None:
    answer_three(survey)
    total, (age, services, quality, comments) = survey_results(survey)
    assert total == 3
    assert age.counts == [1, 2, 0]
    assert services.counts == [1, 3, 1]
    assert quality.counts == [0, 1, 0, 2, 0]
    assert quality.average == (4 + 4 + 2) / 3
    assert comments.texts == ["Yangi kitoblar", "Internet tezroq"]
    assert comments.answered == 2


def test_results_page_shows_charts_and_free_text(client: Client, world: World, survey: Survey) -> None:
    answer_three(survey)
    page = login(client, world.alice).get(f"/surveys/{survey.pk}/results/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<svg class="chart bars"') == 3
    assert "2 (67%)" in html  # two of three respondents are 18–30
    assert "3 (100%)" in html  # all three use the reading room (percent of respondents)
    assert "Internet tezroq" in html


def test_exports_one_row_per_response(english: Client, world: World, survey: Survey) -> None:
    answer_three(survey)
    login(english, world.bob)
    xlsx = english.get(f"/surveys/{survey.pk}/answers.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 4
    assert rows[0][3:] == ("Yoshingiz", "Qaysi xizmatlardan foydalanasiz?", "Xizmat sifati", "Takliflaringiz")
    assert rows[1][3:] == ("18 gacha", "Abonement; O'quv zali", "4", "Yangi kitoblar")
    text = english.get(f"/surveys/{survey.pk}/answers.csv").content.decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text)))
    assert len(parsed) == 4 and parsed[3][2] == "online" and parsed[3][6] == "Internet tezroq"
    assert english.get(f"/surveys/{survey.pk}/answers.json").status_code == 404


def test_a_typed_formula_is_exported_as_text(world: World, survey: Survey) -> None:
    from kutubxona.surveys.export import answer_table

    last = list(survey.questions.all())[-1]
    actions.submit_online(survey, {**_minimal(survey), last.pk: "=HYPERLINK(1)"}, today=CLOSES)
    assert answer_table(survey)[1][-1] == "'=HYPERLINK(1)"


def _minimal(survey: Survey) -> actions.Answers:
    q = list(survey.questions.all())
    return {q[0].pk: [0], q[1].pk: [0], q[2].pk: [0]}


def test_the_plan_drill_down_opens_the_survey(
    client: Client, world: World, plan: Plan, survey: Survey
) -> None:
    answer_three(survey)
    html = login(client, world.alice).get(f"/plan/{plan.pk}/line/9/").content.decode()
    assert survey.title in html and f"/surveys/{survey.pk}/" in html
