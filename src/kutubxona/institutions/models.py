"""The institution tree, its services and sectors, and the staff who log in."""

from __future__ import annotations

import ipaddress
from typing import ClassVar, Self

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kutubxona.core.i18n import MultilingualName
from kutubxona.core.tenancy import institution_scoped
from kutubxona.core.text import to_cyrillic
from kutubxona.institutions.roles import ROLE_PERMISSIONS, ROLES_SEEING_SUBTREE, Role

code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*$", _("Use small Latin letters, digits and hyphens, e.g. arnasoy-akm.")
)


class InstitutionKind(models.TextChoices):
    NATIONAL = "national", _("National library")
    REGIONAL = "regional", _("Regional AKM")
    DISTRICT = "district", _("District (city) AKM")
    SCHOOL = "school", _("School library")
    COLLEGE = "college", _("College or lyceum library")
    UNIVERSITY = "university", _("University library")
    DEPARTMENTAL = "departmental", _("Departmental library")


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> list[Network]:
    """The networks of `Institution.reading_room_networks`; ValidationError naming a bad line."""
    networks: list[Network] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            networks.append(ipaddress.ip_network(line, strict=False))
        except ValueError as error:
            raise ValidationError(
                _("Line %(number)d, “%(line)s”, is not an IP address or a network such as 192.168.1.0/24."),
                params={"number": number, "line": line},
            ) from error
    return networks


def validate_networks(text: str) -> None:
    parse_networks(text)


class Institution(MultilingualName):
    """A library institution; `path` holds the ids from the root down, for subtree queries."""

    code = models.SlugField(_("code"), max_length=50, unique=True, validators=[code_validator])
    kind = models.CharField(_("kind"), max_length=20, choices=InstitutionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    reading_room_networks = models.TextField(
        _("reading-room networks"),
        blank=True,
        default="",
        validators=[validate_networks],
        help_text=_(
            "The addresses of the library's own computers and Wi-Fi, one IP address or network "
            "(CIDR, e.g. 192.168.1.0/24) per line: files marked “in the library only” open from these. "
            "Never enter the address of a proxy or of the server itself: every visitor coming "
            "through it would count as inside the library."
        ),
    )

    objects: ClassVar[models.Manager[Institution]] = institution_scoped("pk")
    # Unscoped, for the login page, the admin and the tree maintenance; never in views.
    tree: ClassVar[models.Manager[Institution]] = models.Manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["path"]
        base_manager_name = "tree"

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            Institution.tree.filter(pk=self.pk).update(path=path)

    @property
    def short(self) -> str:
        """The short name for breadcrumbs and menus, in the current script."""
        if not self.short_name:
            return self.name
        return to_cyrillic(self.short_name) if get_language() == "uz-cyrl" else self.short_name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def subtree_ids(self) -> list[int]:
        """This institution and every one below it."""
        return list(Institution.tree.filter(path__startswith=self.path).values_list("pk", flat=True))

    def ancestors(self) -> list[Institution]:
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        by_id = Institution.tree.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


class Service(MultilingualName):
    """A service (xizmat) of an institution; plan lines name the one that answers for them."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="services")
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(default=0)

    objects: ClassVar[models.Manager[Service]] = institution_scoped()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["institution", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="service_code_unique"),
        ]


class Sector(MultilingualName):
    """A place where readers are served; visits are counted per sector (plan line 16)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="sectors")
    code = models.CharField(_("code"), max_length=30)
    order = models.PositiveSmallIntegerField(default=0)
    has_desk = models.BooleanField(
        _("has a service desk"),
        default=True,
        help_text=_("Visits are counted from served readers; without a desk, headcounts are entered."),
    )

    objects: ClassVar[models.Manager[Sector]] = institution_scoped()

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["institution", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="sector_code_unique"),
        ]


class User(AbstractUser):
    """A person who logs in: a member of staff of exactly one institution, in one role."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), null=True, blank=True, on_delete=models.SET_NULL
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    language = models.CharField(_("interface language"), max_length=10, blank=True)

    objects: ClassVar[UserManager[Self]] = UserManager()
    # The staff lists of the institutions in the current scope.
    scoped: ClassVar[models.Manager[User]] = institution_scoped()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def permissions(self) -> frozenset[str]:
        if not self.is_active:
            return frozenset()
        if self.is_superuser:
            return ROLE_PERMISSIONS[Role.SYSADMIN]
        return ROLE_PERMISSIONS.get(self.role, frozenset())

    def visible_institution_ids(self) -> list[int]:
        """The institutions whose rows this user may read: their own, or their subtree."""
        if not self.is_active:
            return []
        if self.is_superuser and self.institution is None:
            return list(Institution.tree.values_list("pk", flat=True))
        if self.institution_id is None:  # the id: no query for a role that sees its own only
            return []
        if self.role in ROLES_SEEING_SUBTREE and self.institution is not None:
            return self.institution.subtree_ids()
        return [self.institution_id]
