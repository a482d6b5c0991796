"""The Django admin, for system administrators. Its writes are audited like any action's."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Model
from django.http import HttpRequest

from kutubxona.core import audit
from kutubxona.core.models import AuditEntry


def _institution_of(obj: Model) -> Any:
    from kutubxona.institutions.models import Institution

    return obj if isinstance(obj, Institution) else getattr(obj, "institution", None)


class AuditedAdmin(admin.ModelAdmin):
    """Admin saves and deletes run in the admin's transaction; each writes an audit entry."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit.record(
            request.user,  # type: ignore[arg-type]
            f"admin.{'change' if change else 'add'}",
            obj,
            institution=_institution_of(obj),
            changes={"fields": list(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.record(request.user, "admin.delete", obj, institution=_institution_of(obj))  # type: ignore[arg-type]
        super().delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "institution", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["actor_name", "object_repr", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
