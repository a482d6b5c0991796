from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirculationConfig(AppConfig):
    name = "kutubxona.circulation"
    label = "circulation"
    verbose_name = _("Lending desk")

    def ready(self) -> None:
        # The daily diary (attendance) sums the loans of whoever registers them, as line 40
        # sums the foreign visitors' sources: the provider appends to the consumer's list.
        from kutubxona.attendance.diary import LOAN_COUNTS
        from kutubxona.circulation import rulecache
        from kutubxona.circulation.metrics import loans_per_day_and_sector

        rulecache.connect()
        from kutubxona.circulation import tasks  # noqa: F401  (registers the jobs and sweeps)

        if loans_per_day_and_sector not in LOAN_COUNTS:
            LOAN_COUNTS.append(loans_per_day_and_sector)
