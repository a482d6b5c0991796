from django.contrib import admin

from kutubxona.core.admin import AuditedAdmin
from kutubxona.elibrary.models import FullTextCollection, QrBoard, ShortLink


@admin.register(FullTextCollection)
class CollectionAdmin(AuditedAdmin):
    list_display = ["name", "purpose", "is_public", "institution"]
    list_filter = ["institution", "purpose", "is_public"]
    search_fields = ["name"]


@admin.register(QrBoard)
class BoardAdmin(AuditedAdmin):
    list_display = ["title", "place", "placed_on", "institution"]
    list_filter = ["institution"]
    search_fields = ["title", "place"]
    date_hierarchy = "placed_on"


@admin.register(ShortLink)
class ShortLinkAdmin(AuditedAdmin):
    list_display = ["code", "record", "scans", "last_scanned_at", "institution"]
    list_filter = ["institution"]
    search_fields = ["code"]
    raw_id_fields = ["record"]
