from django.contrib import admin

from kutubxona.core.admin import AuditedAdmin
from kutubxona.events.models import Event, EventPhoto, ExhibitionItem


@admin.register(Event)
class EventAdmin(AuditedAdmin):
    list_display = ["date", "title", "kind", "status", "institution", "attendees"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    date_hierarchy = "date"
    raw_id_fields = ["sector", "created_by"]
    filter_horizontal = ["organisers"]


@admin.register(ExhibitionItem)
class ExhibitionItemAdmin(AuditedAdmin):
    list_display = ["event", "copy", "added_at"]
    raw_id_fields = ["event", "copy"]


@admin.register(EventPhoto)
class EventPhotoAdmin(AuditedAdmin):
    list_display = ["event", "caption", "uploaded_at"]
    raw_id_fields = ["event", "uploaded_by"]
