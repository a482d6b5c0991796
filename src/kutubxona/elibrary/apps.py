from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElibraryConfig(AppConfig):
    name = "kutubxona.elibrary"
    label = "elibrary"
    verbose_name = _("Digital collections and QR boards")
