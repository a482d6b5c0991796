from django.contrib import admin

from kutubxona.core.admin import AuditedAdmin
from kutubxona.surveys.models import Survey


@admin.register(Survey)
class SurveyAdmin(AuditedAdmin):
    list_display = ["title", "institution", "opens_on", "closes_on", "published_at"]
    list_filter = ["institution"]
    search_fields = ["title"]
