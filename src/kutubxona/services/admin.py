from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kutubxona.core.admin import AuditedAdmin
from kutubxona.services.models import DeliveryOrder, PaidService, Price, Receipt


class PriceInline(admin.TabularInline):
    """Shown only: a price is set through the price list page, which refuses overlaps."""

    model = Price
    extra = 0
    fields = ("amount", "valid_from", "valid_to", "approved_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PaidService)
class PaidServiceAdmin(AuditedAdmin):
    list_display = ["name_uz", "institution", "kind", "unit"]
    list_filter = ["kind", "institution"]
    search_fields = ["name_uz", "name_ru"]
    inlines = [PriceInline]


@admin.register(DeliveryOrder)
class DeliveryOrderAdmin(AuditedAdmin):
    list_display = ["pk", "institution", "ordered_on", "customer", "customer_name", "status", "amount"]
    list_filter = ["status", "customer", "institution"]
    search_fields = ["customer_name", "wanted"]
    readonly_fields = ["token", "file_type", "downloads"]


@admin.register(Receipt)
class ReceiptAdmin(AuditedAdmin):
    """Receipts are read here; they are issued and cancelled in the application, never deleted."""

    list_display = ["__str__", "institution", "issued_on", "kind", "amount", "method", "cancelled_at"]
    list_filter = ["kind", "method", "institution"]
    search_fields = ["payer"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
