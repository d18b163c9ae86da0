from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from innocluster.core.models import TimeStampedModel
from innocluster.organizations.enums import InvitationStatus, OrganizationKind, OrganizationRole, SmeCategory


class Region(models.Model):
    """A subject of the Russian Federation, by its two-digit code (the FNS one that starts an INN)."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_ru


class OkvedClass(models.Model):
    """A class (two-digit division) of OKVED 2."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)

    class Meta:
        ordering = ["code"]
        verbose_name = _("OKVED class")
        verbose_name_plural = _("OKVED classes")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_ru


class Organization(TimeStampedModel):
    """A legal entity or a sole proprietor (SPEC C1). The identifiers, address, staff count and
    contacts are private: only its people and staff see them."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    inn = models.CharField(_("INN"), max_length=12, unique=True)
    ogrn = models.CharField(_("OGRN / OGRNIP"), max_length=15, unique=True)
    kpp = models.CharField(_("KPP"), max_length=9, blank=True)
    full_name = models.CharField(pgettext_lazy("organisation", "full name"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=200)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    address = models.CharField(_("address"), max_length=500, blank=True)
    okved_main = models.ForeignKey(
        OkvedClass, verbose_name=_("main OKVED class"), on_delete=models.PROTECT, related_name="+"
    )
    okved_additional = models.ManyToManyField(
        OkvedClass, verbose_name=_("additional OKVED classes"), blank=True, related_name="+"
    )
    sme_category = models.CharField(_("SME category"), max_length=10, choices=SmeCategory.choices)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    staff_count = models.PositiveIntegerField(_("staff count"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    capabilities = ArrayField(
        models.CharField(max_length=100), verbose_name=_("capabilities"), default=list, blank=True
    )
    products = ArrayField(
        models.CharField(max_length=200), verbose_name=_("products"), default=list, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["short_name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="legal_entity") & Q(inn__regex=r"^[0-9]{10}$") & Q(ogrn__regex=r"^[15][0-9]{12}$")
                )
                | (Q(kind="sole_proprietor") & Q(inn__regex=r"^[0-9]{12}$") & Q(ogrn__regex=r"^3[0-9]{14}$")),
                name="organizations_identifiers_match_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "sme_category"]),
            # the default order of every list of organisations; a million of them are not sorted
            # for each page
            models.Index(fields=["short_name", "id"], name="organizations_by_name"),
        ]

    def __str__(self) -> str:
        return self.short_name

    @property
    def description(self) -> str:
        if get_language() == "en":
            return self.description_en or self.description_ru
        return self.description_ru or self.description_en


class OrganizationPerson(TimeStampedModel):
    """A person's role inside one organisation."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organization_roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=OrganizationRole.choices)

    class Meta:
        verbose_name = _("person of an organisation")
        verbose_name_plural = _("people of organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "person"], name="organizations_one_role_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.role} of {self.organization_id}"


class Invitation(TimeStampedModel):
    """An owner's invitation of a person, by e-mail, to a role in the organisation. The link holds a
    random token; it works once, for the invited address, until it expires."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=OrganizationRole.choices)
    token_digest = models.CharField(max_length=64, unique=True, verbose_name=_("token digest"))
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("accepted"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organization_id} ({self.role})"
