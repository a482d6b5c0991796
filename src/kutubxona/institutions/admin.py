from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from kutubxona.core.admin import AuditedAdmin
from kutubxona.institutions.models import Institution, Sector, Service, User


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0


class SectorInline(admin.TabularInline):
    model = Sector
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(AuditedAdmin):
    list_display = ["code", "name_uz", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name_uz", "name_uz_cyrl", "name_ru"]
    inlines = [ServiceInline, SectorInline]


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "institution", "role", "is_active"]
    list_filter = ["role", "is_active", "institution"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Institution"), {"fields": ("institution", "role", "service", "position", "language")}),
    )
