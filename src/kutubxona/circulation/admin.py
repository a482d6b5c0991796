from django.contrib import admin

from kutubxona.circulation.models import Calendar, Hold, Holiday, Loan, LoanRule, Notice
from kutubxona.core.admin import AuditedAdmin


@admin.register(Loan)
class LoanAdmin(AuditedAdmin):
    list_display = ["lent_on", "copy", "reader", "borrower", "due_on", "returned_at", "institution"]
    list_filter = ["borrower", "kind"]
    raw_id_fields = ["copy", "reader", "organisation", "sector"]
    date_hierarchy = "lent_on"


@admin.register(Hold)
class HoldAdmin(AuditedAdmin):
    list_display = ["placed_at", "record", "reader", "status", "institution"]
    raw_id_fields = ["record", "reader", "copy"]


admin.site.register([LoanRule, Calendar, Holiday, Notice], AuditedAdmin)
