from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodologyConfig(AppConfig):
    name = "kutubxona.methodology"
    label = "methodology"
    verbose_name = _("Methodological help and the library directory")
