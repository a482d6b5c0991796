from django.contrib import admin

from kutubxona.core.admin import AuditedAdmin
from kutubxona.outreach.models import Agreement, ForeignVisit, MediaAppearance, MemberCount, Post


@admin.register(Post)
class PostAdmin(AuditedAdmin):
    list_display = ["published_on", "channel", "title", "institution"]
    list_filter = ["channel", "institution"]
    search_fields = ["title"]
    date_hierarchy = "published_on"


@admin.register(MediaAppearance, MemberCount, Agreement, ForeignVisit)
class EntryAdmin(AuditedAdmin):
    list_filter = ["institution"]
