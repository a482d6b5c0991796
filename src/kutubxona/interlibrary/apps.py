from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterlibraryConfig(AppConfig):
    name = "kutubxona.interlibrary"
    label = "interlibrary"
    verbose_name = _("Interlibrary loans")
