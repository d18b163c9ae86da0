from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innocluster.core.files import random_name
from innocluster.core.models import TimeStampedModel


class SearchDocument(models.Model):
    """What partner search reads for one organisation: public fields only (names, descriptions,
    capabilities, products, OKVED names), as a weighted tsvector, a text for typo tolerance, and
    an embedding of the profile. The embedding column (`halfvec(512)` since migration 0003, HNSW index) is
    created by migration 0002 when the database has pgvector, and read with SQL."""

    organization = models.OneToOneField(
        "organizations.Organization",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    name = models.TextField()
    body = models.TextField(help_text="the public text, for highlights")
    words = models.TextField(help_text="lower-case names, capabilities and products, for trigram matching")
    tsv = SearchVectorField(null=True)
    name_tsv = SearchVectorField(
        null=True,
        help_text="the short name without its legal form («ООО»), for finding an organisation by name",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            GinIndex(fields=["tsv"], name="partners_doc_tsv"),
            # names are specific words: short posting lists, where a trigram index over a million
            # names read long ones for every query («ная», «тка»)
            GinIndex(fields=["name_tsv"], name="partners_doc_name_tsv"),
        ]

    def __str__(self) -> str:
        return self.name


class Lexicon(models.Model):
    """Every word of the public texts, once: query words with typos are corrected against it
    (pg_trgm similarity), e.g. «токраная» → «токарная»."""

    word = models.CharField(max_length=60, primary_key=True)
    stem = models.CharField(max_length=60, db_index=True, default="")

    class Meta:
        indexes = [GinIndex(fields=["word"], name="partners_lexicon_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self) -> str:
        return self.word


class Process(models.TextChoices):
    MACHINING = "machining", _("Machining")
    TURNING = "turning", _("Turning")
    MILLING = "milling", _("Milling")
    CNC = "cnc", _("CNC machining")
    CASTING = "casting", _("Casting")
    SHEET_METAL = "sheet_metal", _("Sheet metal work")
    PRINTING_3D = "3d_printing", _("3D printing")
    INSTRUMENT_MAKING = "instrument_making", _("Instrument making")
    ELECTRONICS_ASSEMBLY = "electronics_assembly", _("Electronics assembly")
    INDUSTRIAL_DESIGN = "industrial_design", _("Industrial design")


class OrderStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("order status", "Open")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


class QuoteStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    AWARDED = "awarded", _("Chosen")
    NOT_CHOSEN = "not_chosen", _("Not chosen")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProductionOrder(TimeStampedModel):
    """A customer's order for the "prototype factory": manufacturers (or industrial designers) quote."""

    customer = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="production_orders"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    process = models.CharField(_("process"), max_length=24, choices=Process.choices)
    material = models.CharField(_("material"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    deadline = models.DateField(_("deadline"))
    region = models.ForeignKey(
        "organizations.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("preferred region"),
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.OPEN
    )
    invited = models.ManyToManyField("organizations.Organization", blank=True, related_name="invited_orders")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("production order")
        verbose_name_plural = _("production orders")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="partners_order_quantity_positive")
        ]

    def __str__(self) -> str:
        return self.title


class FileVisibility(models.TextChoices):
    MANUFACTURERS = "manufacturers", _("Any manufacturer")
    ADMITTED = "admitted", _("Only manufacturers I let in")


class AccessStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("file access", "Asked")
    APPROVED = "approved", pgettext_lazy("file access", "Let in")  # a state: "допущен", not the button
    DECLINED = "declined", pgettext_lazy("file access", "Declined")


def order_file_path(instance, filename: str) -> str:
    return random_name(f"orders/{instance.order_id}", filename)


class OrderFile(TimeStampedModel):
    order = models.ForeignKey(ProductionOrder, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=order_file_path, max_length=300)
    visibility = models.CharField(
        _("who sees it"),
        max_length=16,
        choices=FileVisibility.choices,
        default=FileVisibility.ADMITTED,
        help_text=_("Any manufacturer, or only those the customer notified or let in on request."),
    )
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class FileAccessRequest(TimeStampedModel):
    """A manufacturer asks to see a drawing that the customer shows only to those it lets in."""

    file = models.ForeignKey(OrderFile, on_delete=models.CASCADE, related_name="access_requests")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="file_access_requests"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=AccessStatus.choices, default=AccessStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("request to see a file")
        verbose_name_plural = _("requests to see files")
        constraints = [
            models.UniqueConstraint(
                fields=["file", "organization"], name="partners_one_access_request_per_file"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} → file {self.file_id}: {self.status}"


class OrderQuote(TimeStampedModel):
    order = models.ForeignKey(ProductionOrder, on_delete=models.PROTECT, related_name="quotes")
    manufacturer = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="order_quotes"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    price = models.DecimalField(_("price, ₽"), max_digits=14, decimal_places=2)
    lead_time_days = models.PositiveIntegerField(_("lead time, days"))
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=QuoteStatus.choices, default=QuoteStatus.SUBMITTED
    )

    class Meta:
        ordering = ["price", "lead_time_days", "pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=Decimal("0")), name="partners_quote_price_positive"),
            models.UniqueConstraint(
                fields=["order", "manufacturer"],
                condition=Q(status="submitted"),
                name="partners_one_live_quote_per_manufacturer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manufacturer_id}: {self.price}"


MAX_SYNONYM_TERM = 100  # characters: the longest phrase a group names
MAX_SYNONYM_TERMS = 50


class Synonym(TimeStampedModel):
    """A group of words and phrases that name the same thing in profiles and queries (БПЛА =
    беспилотник = дрон = UAV): a query naming one of them also finds the others. Coordinators
    edit the table in the back office; the platform ships defaults for the cluster's fields."""

    terms = models.TextField(
        _("terms"),
        help_text=_("Separated by commas: «БПЛА, беспилотник, дрон, беспилотный летательный аппарат, UAV»."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")

    def __str__(self) -> str:
        return self.terms[:80]

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.replace(";", ",").split(",") if t.strip()]

    def clean(self) -> None:
        """A group names one thing in at least two ways: a lone word, or commas and spaces only,
        would change no search; a term is a word or a phrase, not a text."""
        from django.core.exceptions import ValidationError

        terms = self.term_list()
        too_long = [t for t in terms if len(t) > MAX_SYNONYM_TERM]
        if too_long:
            raise ValidationError(
                {
                    "terms": _("A term is at most %(n)d characters: «%(term)s…».")
                    % {"n": MAX_SYNONYM_TERM, "term": too_long[0][:40]}
                }
            )
        if len({t.casefold() for t in terms}) < 2:
            raise ValidationError({"terms": _("Name at least two different terms, separated by commas.")})
        if len(terms) > MAX_SYNONYM_TERMS:
            raise ValidationError({"terms": _("A group has at most %(n)d terms.") % {"n": MAX_SYNONYM_TERMS}})


class UnmetSearch(models.Model):
    """A query whose words found fewer than three profiles, counted: what members look for in a
    vocabulary the profiles do not use, which coordinators answer with a synonym group. Only
    the query's words are kept, with how often and on which days it came; nothing says who
    searched (no account, no address, no time of day)."""

    query = models.CharField(_("query"), max_length=300, unique=True)
    searches = models.PositiveIntegerField(_("searches"), default=1)
    by_words = models.PositiveSmallIntegerField(
        _("found by its words"),
        default=0,
        help_text=_("Profiles its words found the last time it was searched."),
    )
    first_seen = models.DateField(_("first searched"))
    last_seen = models.DateField(_("last searched"), db_index=True)
    handled = models.BooleanField(
        _("handled"),
        default=False,
        help_text=_("A coordinator has dealt with it (a synonym group, or nothing to do)."),
    )

    class Meta:
        ordering = ["handled", "-searches", "-last_seen"]
        verbose_name = _("search that found little")
        verbose_name_plural = _("searches that found little")

    def __str__(self) -> str:
        return self.query
