"""The audit log page: who did what, when, in the institutions the viewer may see."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from kutubxona.core import audit_labels
from kutubxona.core.models import AuditEntry
from kutubxona.core.permissions import permission_required
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm


class AuditFilterForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.none(), required=False
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    who = forms.CharField(label=_("Who"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        institution_field = self.fields["institution"]
        assert isinstance(institution_field, forms.ModelChoiceField)
        institution_field.queryset = Institution.objects.all()
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        action_field = self.fields["action"]
        assert isinstance(action_field, forms.ChoiceField)
        choices = sorted(((a, audit_labels.label(a)) for a in actions), key=lambda choice: choice[1])
        action_field.choices = [("", "—"), *choices]

    def apply(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["institution"]:
            entries = entries.filter(institution=data["institution"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["who"]:
            entries = entries.filter(actor_name__icontains=data["who"])
        if data["date_from"]:
            entries = entries.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(created_at__date__lte=data["date_to"])
        return entries


@permission_required(Perm.AUDIT_VIEW)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = form.apply(AuditEntry.objects.select_related("institution"))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit.html",
        {"form": form, "page": page, "query": query.urlencode(), "today": datetime.date.today()},
    )
