from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from kutubxona.institutions.actions import INSTITUTION_FIELDS
from kutubxona.institutions.models import Institution, Service, User
from kutubxona.institutions.roles import Role


class InstitutionForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Institution
        fields = [f for f in INSTITUTION_FIELDS if f not in {"kind", "is_active"}]


def _role_choices(actor: User) -> list[tuple[str, str]]:
    """A sysadmin may give any role; others the roles of an institution's own staff."""
    privileged = actor.is_superuser or actor.role == Role.SYSADMIN
    hidden = set() if privileged else {Role.SYSADMIN, Role.METHODIST}
    return [(value, str(label)) for value, label in Role.choices if value not in hidden]


class StaffForm(forms.ModelForm):
    """Editing a member of staff; the creation form adds the user name and password."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "position", "role", "service", "is_active"]
        # Scoped models need a field that does not query at import time; the real queryset
        # (this institution's services) is set in __init__.
        field_classes = {"service": SafeModelChoiceField}

    def __init__(self, *args: Any, actor: User, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = _role_choices(actor)
        role.required = True
        service = self.fields["service"]
        assert isinstance(service, forms.ModelChoiceField)
        service.queryset = Service.objects.filter(institution=institution)


class StaffCreateForm(StaffForm):
    username = forms.RegexField(
        label=_("User name"),
        regex=r"^[a-z0-9_.-]{3,150}$",
        error_messages={"invalid": _("3 to 150 small Latin letters, digits and . _ -")},
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(render_value=True),
        help_text=password_validation.password_validators_help_text_html(),
    )

    class Meta(StaffForm.Meta):
        fields = ["username", "password", *StaffForm.Meta.fields]

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password
