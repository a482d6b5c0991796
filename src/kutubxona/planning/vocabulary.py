"""The fixed vocabularies of a work plan: units of measure and kinds of deadline."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Unit(models.TextChoices):
    """O'lchov birligi: the units the seed plan uses (context "unit": "title" here is not a book's)."""

    DOCUMENT = "document", pgettext_lazy("unit", "document")
    PIECE = "piece", pgettext_lazy("unit", "piece")
    EVENT = "event", pgettext_lazy("unit", "event")
    COPY = "copy", pgettext_lazy("unit", "copy")
    PERSON = "person", pgettext_lazy("unit", "person")
    RECORD = "record", pgettext_lazy("unit", "record")
    BIB_RECORD = "bib_record", pgettext_lazy("unit", "bibliographic record")
    PAGE = "page", pgettext_lazy("unit", "page")
    RESOURCE = "resource", pgettext_lazy("unit", "resource")
    SERVICE = "service", pgettext_lazy("unit", "service")
    STOCKTAKE = "stocktake", pgettext_lazy("unit", "stock-take")
    TITLE = "title", pgettext_lazy("unit", "title")
    NEWS = "news", pgettext_lazy("unit", "news item")
    TIMES = "times", pgettext_lazy("unit", "times")
    SUM = "sum", pgettext_lazy("unit", "sum (UZS)")


# How plans write each unit in Uzbek (the official table's column), for XLSX import/export.
UNIT_UZ = {
    Unit.DOCUMENT: "Hujjat",
    Unit.PIECE: "Dona",
    Unit.EVENT: "Tadbir",
    Unit.COPY: "Nusxa",
    Unit.PERSON: "Nafar",
    Unit.RECORD: "Yozuv",
    Unit.BIB_RECORD: "Bibliografik yozuv",
    Unit.PAGE: "Sahifa",
    Unit.RESOURCE: "Resurs",
    Unit.SERVICE: "Xizmat",
    Unit.STOCKTAKE: "Xatlov",
    Unit.TITLE: "Nomda",
    Unit.NEWS: "Ma'lumot",
    Unit.TIMES: "Marotaba",
    Unit.SUM: "So'm",
}


class Deadline(models.TextChoices):
    """Bajarilish muddati: when a line's work is due, which sets the pace expected of it."""

    DURING_YEAR = "during_year", _("during the year")
    MONTHLY = "monthly", _("every month")
    QUARTERLY = "quarterly", _("every quarter")
    Q1 = "q1", _("first quarter")
    Q2 = "q2", _("second quarter")
    Q3 = "q3", _("third quarter")
    Q4 = "q4", _("fourth quarter")
    TWICE_Q1_Q3 = "twice_q1_q3", _("twice a year (quarters I and III)")
    SEP_DEC = "sep_dec", _("September to December")


DEADLINE_UZ = {
    Deadline.DURING_YEAR: "Yil davomida",
    Deadline.MONTHLY: "Har oyda",
    Deadline.QUARTERLY: "Har chorak",
    Deadline.Q1: "I chorak",
    Deadline.Q2: "II chorak",
    Deadline.Q3: "III chorak",
    Deadline.Q4: "IV chorak",
    Deadline.TWICE_Q1_Q3: "Yilda ikki marta (I va III chorak)",
    Deadline.SEP_DEC: "Sentyabr-dekabr",
}

# The seed writes "barcha xizmatlar" (all services) in the responsible column as ALL.
ALL_SERVICES = "ALL"
