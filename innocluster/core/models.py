from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TimeStampedModel(models.Model):
    """The base of the platform's models: when a row was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class CalendarOverride(TimeStampedModel):
    """A date whose working status the Government decreed differently from what `holidays.RU`
    knows (a new year's transfers before the library catches up, a regional decision)."""

    date = models.DateField(_("date"), unique=True)
    is_working = models.BooleanField(
        _("working day"), help_text=_("Ticked: a working day (a transfer Saturday). Unticked: a day off.")
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {self.reason}"


class AuditEvent(models.Model):
    """One state change or staff access to personal data. Append-only: a database trigger refuses
    UPDATE and DELETE on this table (core migrations 0003 and 0006: only the destruction of a
    person's personal data may rewrite an event's texts, `audit.redacting_personal_data`)."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        # the cluster's time, as the back office's lists show it (it read UTC, with no zone said)
        at = timezone.localtime(self.at) if self.at else None
        from innocluster.core.audit_actions import describe_event, object_label

        # in words, as the back office's title and breadcrumbs show it
        return f"{at:%Y-%m-%d %H:%M %Z} {describe_event(self)} — {object_label(self.object_type, self.object_id)}"


class Notification(models.Model):
    """An in-app notification for one person; the e-mail copy is sent after commit by a task."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=60)
    subject = models.CharField(pgettext_lazy("notification", "subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # the subject and text in every language of the platform ({"en": {"subject", "body"}}), so that
    # the cabinet reads them in the language of the page; `subject` and `body` are the recipient's
    texts = models.JSONField(_("texts in every language"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject

    def _in_language(self, field: str) -> str:
        told = self.texts.get(translation.get_language() or "", {}) if self.texts else {}
        return told.get(field, getattr(self, field))

    @property
    def shown_subject(self) -> str:
        """The subject in the language of the page (as stored when it was written in it)."""
        return self._in_language("subject")

    @property
    def shown_body(self) -> str:
        return self._in_language("body")


class RateCounter(models.Model):
    """How many times something happened under a key (a sign-in failure for an address and IP, a
    registration from an IP…) in the current fixed window. Counted with one atomic upsert, so
    that parallel attempts can never slip past a limit (core/throttle.py)."""

    key = models.CharField(max_length=300, primary_key=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
