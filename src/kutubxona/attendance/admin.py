from django.contrib import admin

from kutubxona.attendance.models import Headcount, Visit
from kutubxona.core.admin import AuditedAdmin


@admin.register(Visit)
class VisitAdmin(AuditedAdmin):
    list_display = ["day", "sector", "reader", "foreign", "institution"]
    list_select_related = ["sector", "reader", "institution"]
    list_filter = ["institution", "foreign"]
    date_hierarchy = "day"


@admin.register(Headcount)
class HeadcountAdmin(AuditedAdmin):
    list_display = ["day", "sector", "count", "foreign", "institution"]
    list_filter = ["institution"]
    date_hierarchy = "day"
