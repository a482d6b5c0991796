from django.contrib import admin

from kutubxona.core.admin import AuditedAdmin
from kutubxona.documents.models import Document


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = ["number", "date", "kind", "title", "institution"]
    list_filter = ["kind", "year"]
    search_fields = ["number", "title", "authors"]
