from django.contrib import admin

from kutubxona.core.admin import AuditedAdmin
from kutubxona.hr.models import StaffMember, StaffReport, Training


@admin.register(StaffMember)
class StaffMemberAdmin(AuditedAdmin):
    list_display = ["full_name", "position", "institution", "education", "hired_on", "left_on"]
    list_filter = ["education"]
    search_fields = ["full_name", "position"]


@admin.register(StaffReport)
class StaffReportAdmin(AuditedAdmin):
    list_display = ["institution", "kind", "year", "index", "issued_on"]
    list_filter = ["kind", "year"]


@admin.register(Training)
class TrainingAdmin(AuditedAdmin):
    list_display = ["topic", "institution", "form", "direction", "starts_on", "hours"]
    list_filter = ["form", "direction"]
