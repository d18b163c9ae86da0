from django.conf import settings
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.models import TimeStampedModel
from innocluster.reviews.enums import ReviewStatus


class ReviewCase(TimeStampedModel):
    """The workflow state of one application of any kind. The application's own model holds what
    the applicant wrote and points here; the desk reads only this table."""

    kind = models.CharField(_("kind"), max_length=40)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_cases",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    # the title where it is words of the platform's (a measure's name, "KPI report for 2025"): on
    # English pages, in English; empty where the title is the applicant's own words
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    review_due = models.DateField(_("answer due"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_comment = models.TextField(_("reasons"), blank=True)
    reminded_before_on = models.DateField(
        null=True, blank=True, verbose_name=_("reminded before the deadline on")
    )
    reminded_overdue_on = models.DateField(
        null=True, blank=True, verbose_name=_("reminded of the overdue deadline on")
    )

    class Meta:
        ordering = ["review_due", "id"]
        verbose_name = _("review case")
        verbose_name_plural = _("review cases")
        indexes = [
            models.Index(fields=["status", "review_due"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["kind", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}: {self.title}"

    @property
    def shown_title(self) -> str:
        """The title in the reader's language."""
        return self.title_en if self.title_en and get_language() == "en" else self.title

    @property
    def lazy_title(self):
        """The title as a notification takes it: rendered in each recipient's language."""
        return lazy(lambda: self.shown_title, str)()

    @property
    def number(self) -> int:
        """The one number of the application that people read (cabinet, its page, the desk,
        e-mails, PDFs), whatever its kind: the case's."""
        return self.pk

    @property
    def kind_label(self):
        from innocluster.reviews.kinds import get_kind

        return get_kind(self.kind).label

    @property
    def shown_status(self):
        """The status in the words of the case's kind (ReviewKind.status_labels)."""
        from innocluster.reviews.kinds import get_kind

        return get_kind(self.kind).status_labels.get(self.status) or self.get_status_display()

    @property
    def is_open(self) -> bool:
        return self.status in (ReviewStatus.SUBMITTED, ReviewStatus.IN_REVIEW)
