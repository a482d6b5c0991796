"""Demo surveys: the ones Arnasoy (and the other demo districts) ran in 2021 and this year, as
many and on the days `simulated_entries` gives for plan line 9, each with its questions and a
few dozen answers (online and from paper). Idempotent: a district's year is skipped if it has
surveys already."""

from __future__ import annotations

import datetime
import random
from typing import TextIO

from django.utils import timezone

from kutubxona.institutions.models import Institution
from kutubxona.planning.demo import SEED_YEAR, simulated_entries
from kutubxona.surveys import actions
from kutubxona.surveys.actions import Answers
from kutubxona.surveys.models import Question, QuestionKind, ResponseSource, Survey

DISTRICTS = ["arnasoy", "dostlik", "zomin"]
SATISFACTION = ["Juda qoniqaman", "Qoniqaman", "Qisman", "Qoniqmayman"]
# title, purpose, questions: (text, kind, options)
SURVEYS: list[tuple[str, str, list[tuple[str, str, list[str]]]]] = [
    (
        "Kitobxonlarning talab va ehtiyojlarini o'rganish",
        "Fondni to'ldirishda kitobxonlar so'ragan adabiyotlarni hisobga olish uchun.",
        [
            ("Yoshingiz", QuestionKind.SINGLE, ["18 yoshgacha", "18–30", "31–55", "55 dan katta"]),
            (
                "Qaysi adabiyotlarni ko'proq o'qiysiz?",
                QuestionKind.MULTIPLE,
                ["Badiiy", "Ilmiy-ommabop", "Darslik va qo'llanmalar", "Huquqiy", "Bolalar adabiyoti"],
            ),
            (
                "Kutubxonaga qanchalik tez-tez kelasiz?",
                QuestionKind.SINGLE,
                ["Har hafta", "Har oy", "Kamdan-kam"],
            ),
            ("Fondda qaysi kitoblar yetishmaydi?", QuestionKind.TEXT, []),
        ],
    ),
    (
        "Kutubxona xizmatlaridan qoniqish darajasi",
        "Xizmat ko'rsatish sifatini baholash va yaxshilash uchun.",
        [
            ("Xizmat ko'rsatish sifatini baholang", QuestionKind.SCALE, []),
            ("Kutubxona xodimlarining muomalasi", QuestionKind.SINGLE, SATISFACTION),
            (
                "Qaysi xizmatlardan foydalanasiz?",
                QuestionKind.MULTIPLE,
                ["Abonement", "O'quv zali", "Internet", "Tadbirlar"],
            ),
            ("Takliflaringiz", QuestionKind.TEXT, []),
        ],
    ),
    (
        "Yoshlarni kitob o'qishga jalb qilish",
        "Maktab va kollej o'quvchilarining o'qish odatlarini o'rganish.",
        [
            (
                "Oyiga nechta kitob o'qiysiz?",
                QuestionKind.SINGLE,
                ["O'qimayman", "1", "2–3", "4 va undan ko'p"],
            ),
            ("Elektron kitob o'qiysizmi?", QuestionKind.SINGLE, ["Ha", "Yo'q", "Ba'zan"]),
            ("Kitobxonlar klubiga qiziqishingiz", QuestionKind.SCALE, []),
        ],
    ),
]
SUGGESTIONS = [
    "Yangi badiiy kitoblar ko'proq bo'lsin",
    "Ish vaqti shanba kuni ham uzaytirilsa",
    "Bolalar uchun ertak kitoblari",
    "Chet tilini o'rganish bo'yicha qo'llanmalar",
    "Internet tezligini oshirish kerak",
    "Yosh kitobxonlar uchun tanlovlar",
    "Huquqiy adabiyotlar yetishmaydi",
]


def _answers(questions: list[Question], rng: random.Random) -> Answers:
    given: Answers = {}
    for question in questions:
        size = len(question.options)
        if question.kind == QuestionKind.TEXT:
            if rng.random() < 0.4:
                given[question.pk] = rng.choice(SUGGESTIONS)
        elif question.kind == QuestionKind.MULTIPLE:
            given[question.pk] = sorted(rng.sample(range(size), rng.randint(1, min(3, size))))
        else:  # answers lean to the favourable end, as real ones do
            weights = [size - i if question.kind != QuestionKind.SCALE else i + 1 for i in range(size)]
            given[question.pk] = rng.choices(range(size), weights=weights)
    return given


def _survey(institution: Institution, day: datetime.date, number: int, rng: random.Random) -> Survey:
    title, purpose, questions = SURVEYS[number % len(SURVEYS)]
    today = timezone.localdate()
    survey = actions.create_survey(
        None,
        institution,
        title=title,
        purpose=purpose,
        opens_on=day,
        closes_on=day + datetime.timedelta(days=20),
    )
    for text, kind, options in questions:
        actions.add_question(
            None, survey, text=text, kind=kind, choices=options, required=kind != QuestionKind.TEXT
        )
    actions.publish_survey(None, survey)
    last = min(survey.closes_on, today)
    asked = list(survey.questions.all())
    batch = [
        (
            day + datetime.timedelta(days=rng.randint(0, (last - day).days)),
            rng.choice([ResponseSource.ONLINE, ResponseSource.PAPER]),
            _answers(asked, rng),
        )
        for _ in range(rng.randint(12, 40))
    ]
    actions.record_batch(None, survey, batch)
    return survey


def load(out: TextIO) -> None:
    today = timezone.localdate()
    created = 0
    for code in DISTRICTS:
        institution = Institution.tree.filter(code=code).first()
        if institution is None:
            continue
        for year in sorted({SEED_YEAR, today.year}):
            if Survey.objects.filter(institution=institution, opens_on__year=year).exists():
                continue
            rng = random.Random(f"surveys-{code}-{year}")
            number = 0
            for day, amount in simulated_entries(institution, year, "9"):
                for _ in range(amount):
                    _survey(institution, day, number, rng)
                    number += 1
            created += number
    out.write(f"Surveys: {created} created.\n")
