from django.contrib import admin

from kutubxona.core.admin import AuditedAdmin
from kutubxona.interlibrary.models import Request


@admin.register(Request)
class RequestAdmin(AuditedAdmin):
    list_display = ["requested_on", "direction", "status", "item", "partner_name", "institution"]
    list_filter = ["institution", "direction", "status"]
    search_fields = ["item", "partner_name", "reader_name"]
    date_hierarchy = "requested_on"
