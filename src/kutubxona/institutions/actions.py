"""Every change to institutions, services, sectors and staff goes through these functions.

Each one checks the actor's permission, runs in one transaction and writes the audit entry.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kutubxona.core import audit
from kutubxona.institutions.access import require
from kutubxona.institutions.defaults import default_sectors, default_services
from kutubxona.institutions.models import Institution, Sector, Service, User
from kutubxona.institutions.roles import Perm, Role

INSTITUTION_FIELDS = [
    "name_uz",
    "name_uz_cyrl",
    "name_ru",
    "name_en",
    "short_name",
    "kind",
    "address",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "is_active",
    "reading_room_networks",
]
STAFF_FIELDS = ["first_name", "last_name", "email", "role", "service", "position", "is_active"]


@transaction.atomic
def create_institution(
    actor: User | None, *, code: str, parent: Institution | None, with_defaults: bool = True, **fields: Any
) -> Institution:
    """A new institution under `parent`, with the seed's services and sectors unless told not to.

    `actor=None` is the system itself (installation, demo); only a sysadmin may do it by hand.
    """
    if actor is not None:
        require(actor, Perm.INSTITUTION_EDIT, parent)
        if not actor.is_superuser and actor.role != Role.SYSADMIN:
            raise PermissionDenied(Perm.INSTITUTION_EDIT)
    institution = Institution(code=code, parent=parent, **fields)
    institution.full_clean()
    institution.save()
    if with_defaults:
        for order, service in enumerate(default_services()):
            Service.objects.create(institution=institution, order=order, **service)
        for order, sector in enumerate(default_sectors()):
            Sector.objects.create(institution=institution, order=order, **sector)
    audit.record(
        actor,
        "institution.create",
        institution,
        institution=institution,
        changes=audit.snapshot(institution, ["code", "parent", *INSTITUTION_FIELDS]),
    )
    return institution


@transaction.atomic
def update_institution(actor: User, institution: Institution, **fields: Any) -> Institution:
    require(actor, Perm.INSTITUTION_EDIT, institution)
    changes = audit.apply_changes(institution, fields, INSTITUTION_FIELDS)
    audit.record(actor, "institution.update", institution, institution=institution, changes=changes)
    return institution


def _check_role_assignment(actor: User, role: str) -> None:
    """Only a system administrator hands out the system administrator or methodist role."""
    if role in {Role.SYSADMIN, Role.METHODIST} and not (actor.is_superuser or actor.role == Role.SYSADMIN):
        raise PermissionDenied(_("Only a system administrator can give this role."))


@transaction.atomic
def create_staff(
    actor: User | None,
    institution: Institution,
    *,
    username: str,
    password: str | None,
    role: str,
    password_hash: str | None = None,
    **fields: Any,
) -> User:
    """A login for a member of staff. `password=None` leaves the account unusable until set.

    `password_hash` (already hashed) lets the demo give many accounts one password quickly.
    """
    if actor is not None:
        require(actor, Perm.STAFF_MANAGE, institution)
        _check_role_assignment(actor, role)
        if (fields.get("is_superuser") or fields.get("is_staff")) and not actor.is_superuser:
            raise PermissionDenied(_("Only a system administrator can give this role."))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken.")})
    user = User(username=username, institution=institution, role=role, **fields)
    if password is not None:
        user.set_password(password)
    elif password_hash is not None:
        user.password = password_hash
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(
        actor,
        "staff.create",
        user,
        institution=institution,
        changes=audit.snapshot(user, ["username", *STAFF_FIELDS]),
    )
    return user


@transaction.atomic
def update_staff(actor: User, user: User, **fields: Any) -> User:
    assert user.institution is not None
    require(actor, Perm.STAFF_MANAGE, user.institution)
    if "role" in fields and fields["role"] != user.role:
        _check_role_assignment(actor, fields["role"])
    if user.pk == actor.pk and (
        fields.get("is_active") is False or fields.get("role", user.role) != user.role
    ):
        raise ValidationError(_("You cannot change your own role or deactivate yourself."))
    service = fields.get("service")
    if service is not None and service.institution_id != user.institution_id:
        raise ValidationError({"service": _("The service must belong to the user's institution.")})
    changes = audit.apply_changes(user, fields, STAFF_FIELDS, clean_exclude=["password"])
    audit.record(actor, "staff.update", user, institution=user.institution, changes=changes)
    return user


@transaction.atomic
def set_staff_password(actor: User, user: User, password: str) -> None:
    """A manager sets a new password for a member of staff (who forgot theirs)."""
    assert user.institution is not None
    require(actor, Perm.STAFF_MANAGE, user.institution)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor, "staff.set_password", user, institution=user.institution)


@transaction.atomic
def change_own_password(actor: User, password: str) -> None:
    actor.set_password(password)
    actor.save(update_fields=["password"])
    audit.record(actor, "account.change_password", actor, institution=actor.institution)


@transaction.atomic
def set_language(actor: User, language: str) -> None:
    """Remember the interface language the user chose."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    if actor.language == language:
        return
    before = actor.language
    actor.language = language
    actor.save(update_fields=["language"])
    audit.record(
        actor,
        "account.set_language",
        actor,
        institution=actor.institution,
        changes={"language": [before, language]},
    )
