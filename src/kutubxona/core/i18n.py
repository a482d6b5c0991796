"""Names kept in the four interface languages, and picking the one to show."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kutubxona.core.text import to_cyrillic


class MultilingualName(models.Model):
    """A name in Uzbek (Latin, required), Uzbek (Cyrillic), Russian and English.

    Uzbek Cyrillic may be left empty: it is then transliterated from the Latin name.
    Other empty languages fall back to Uzbek (Latin).
    """

    name_uz = models.CharField(_("name (Uzbek, Latin)"), max_length=300)
    name_uz_cyrl = models.CharField(_("name (Uzbek, Cyrillic)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_in(get_language() or "uz")

    def name_in(self, language: str) -> str:
        if language == "uz-cyrl":
            return self.name_uz_cyrl or to_cyrillic(self.name_uz)
        if language == "ru" and self.name_ru:
            return self.name_ru
        if language == "en" and self.name_en:
            return self.name_en
        return self.name_uz
