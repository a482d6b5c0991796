from django.contrib import admin

from kutubxona.core.admin import AuditedAdmin
from kutubxona.methodology.models import Library, MethodHelp


@admin.register(Library)
class LibraryAdmin(AuditedAdmin):
    list_display = ["name", "type", "institution", "is_active"]
    list_filter = ["type", "is_active"]
    search_fields = ["name", "address"]


@admin.register(MethodHelp)
class MethodHelpAdmin(AuditedAdmin):
    list_display = ["date", "library", "form", "topic", "institution"]
    list_filter = ["form"]
