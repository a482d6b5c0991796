"""Institution pages: the tree the user may see, one institution's profile, its staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.institutions import actions
from kutubxona.institutions.access import can
from kutubxona.institutions.forms import InstitutionForm, StaffCreateForm, StaffForm
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm


@permission_required(Perm.INSTITUTION_VIEW)
def institution_list(request: HttpRequest) -> HttpResponse:
    institutions = Institution.objects.all()
    if len(institutions) == 1:
        return redirect("institutions:detail", code=institutions[0].code)
    return render(request, "institutions/list.html", {"institutions": institutions})


@permission_required(Perm.INSTITUTION_VIEW)
def institution_detail(request: HttpRequest, code: str) -> HttpResponse:
    institution = get_object_or_404(Institution.objects, code=code)
    return render(
        request,
        "institutions/detail.html",
        {
            "institution": institution,
            "ancestors": institution.ancestors(),
            "children": Institution.objects.filter(parent=institution),
            "services": institution.services.all(),
            "sectors": institution.sectors.all(),
            "staff": User.scoped.filter(institution=institution).select_related("service"),
            "can_edit": can(request.user, Perm.INSTITUTION_EDIT, institution),
            "can_manage_staff": can(request.user, Perm.STAFF_MANAGE, institution),
        },
    )


@permission_required(Perm.INSTITUTION_EDIT)
def institution_edit(request: HttpRequest, code: str) -> HttpResponse:
    institution = get_object_or_404(Institution.objects, code=code)
    if not can(request.user, Perm.INSTITUTION_EDIT, institution):
        return render(request, "403.html", status=403)
    # A copy, so that a failed save does not leave the shown object half-changed.
    form = InstitutionForm(request.POST or None, instance=Institution.tree.get(pk=institution.pk))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_institution(request.user, institution, **changed_fields(form))  # type: ignore[arg-type]
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("institutions:detail", code=institution.code)
    return render(request, "institutions/edit.html", {"institution": institution, "form": form})


@permission_required(Perm.STAFF_MANAGE)
def staff_create(request: HttpRequest, code: str) -> HttpResponse:
    institution = get_object_or_404(Institution.objects, code=code)
    actor: User = request.user  # type: ignore[assignment]
    if not can(actor, Perm.STAFF_MANAGE, institution):
        return render(request, "403.html", status=403)
    form = StaffCreateForm(request.POST or None, actor=actor, institution=institution)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            user = actions.create_staff(
                actor,
                institution,
                username=data.pop("username"),
                password=data.pop("password"),
                role=data.pop("role"),
                **data,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Account %(username)s created.") % {"username": user.username})
            return redirect("institutions:detail", code=institution.code)
    return render(
        request, "institutions/staff_form.html", {"institution": institution, "form": form, "member": None}
    )


@permission_required(Perm.STAFF_MANAGE)
def staff_edit(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    institution = get_object_or_404(Institution.objects, code=code)
    member = get_object_or_404(User.scoped, pk=user_id, institution=institution)
    actor: User = request.user  # type: ignore[assignment]
    if not can(actor, Perm.STAFF_MANAGE, institution):
        return render(request, "403.html", status=403)
    form = StaffForm(
        request.POST or None, instance=User.objects.get(pk=member.pk), actor=actor, institution=institution
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_staff(actor, member, **changed_fields(form))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("institutions:detail", code=institution.code)
    return render(
        request, "institutions/staff_form.html", {"institution": institution, "form": form, "member": member}
    )
