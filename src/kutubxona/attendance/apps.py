from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "kutubxona.attendance"
    label = "attendance"
    verbose_name = _("Visits")

    def ready(self) -> None:
        from kutubxona.attendance import receivers
        from kutubxona.core.signals import reader_served, readers_merged

        reader_served.connect(receivers.count_desk_visit, dispatch_uid="attendance.count_desk_visit")
        readers_merged.connect(receivers.move_merged_visits, dispatch_uid="attendance.move_merged_visits")
