"""Helpers for forms whose saving goes through an action function."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def changed_fields(form: forms.BaseForm, *leave_out: str) -> dict[str, Any]:
    """The cleaned values of the fields the user changed (what an update action takes), but for
    those `leave_out` names (e.g. a many-to-many field the action takes as its own argument)."""
    return {name: form.cleaned_data[name] for name in form.changed_data if name not in leave_out}


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """An action's validation error shown on the form, which keeps what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class StoredFile:
    """What the file input shows for the stored file: its name, linked to the app's own view."""

    def __init__(self, name: str, url: str) -> None:
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class StoredFileInput(forms.ClearableFileInput):
    """A file input whose "currently" link opens `download_url` (set by the form once the object
    exists): MEDIA_URL is not served, so Django's own link to it would be a 404."""

    download_url = ""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            basename = str(value.name).rsplit("/", 1)[-1]
            context["widget"]["value"] = StoredFile(basename, self.download_url)
        return context
