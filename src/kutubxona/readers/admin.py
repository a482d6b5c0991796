from django.contrib import admin

from kutubxona.core.admin import AuditedAdmin
from kutubxona.readers.models import Organisation, Reader, Registration


@admin.register(Reader)
class ReaderAdmin(AuditedAdmin):
    list_display = ["card", "last_name", "first_name", "category", "institution", "registered_on"]
    list_filter = ["category", "foreign"]
    search_fields = ["card", "last_name", "first_name", "phone"]
    raw_id_fields = ["organisation"]


@admin.register(Registration)
class RegistrationAdmin(AuditedAdmin):
    list_display = ["date", "reader", "kind", "year", "institution"]
    list_filter = ["kind", "year"]
    raw_id_fields = ["reader"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "contract_number", "contract_from", "contract_to", "institution"]
