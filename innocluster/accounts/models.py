import hashlib

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innocluster.accounts.enums import StaffRole


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        """`createsuperuser --noinput` needs only DJANGO_SUPERUSER_EMAIL and _PASSWORD: a missing
        full name is taken from the e-mail's local part («admin» for admin@example.org), to be
        corrected later in the cabinet."""
        extra.update(is_staff=True, is_superuser=True)
        if not extra.get("full_name"):
            extra["full_name"] = (email or "").split("@")[0][:200] or "Administrator"
        extra.setdefault("email_confirmed_at", timezone.now())
        return self._create(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: signs in with an e-mail address, acts for organisations or for themself."""

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(
        _("language"), max_length=8, default="ru", choices=[("ru", "Русский"), ("en", "English")]
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # 152-FZ: a withdrawn consent stops the processing at once; the personal data are destroyed
    # by `destroy_after` (30 days at most), what a law keeps kept and marked
    processing_stopped_at = models.DateTimeField(_("processing stopped"), null=True, blank=True)
    destroy_after = models.DateField(_("personal data destroyed by"), null=True, blank=True)
    destroyed_at = models.DateTimeField(_("personal data destroyed"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # the full name is derived when missing (create_superuser)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    def has_role(self, role: str) -> bool:
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return self.is_staff and any(group.name == role for group in self.groups.all())

    def roles(self) -> list[str]:
        """The staff roles the person holds (every role for a superuser), whether or not this
        request may use them yet (see `demote_until_second_factor`)."""
        real_superuser = getattr(self, "_real_staff", (self.is_staff, self.is_superuser))[1]
        if not self.is_active or not self.is_staff_account:
            return []
        if real_superuser:
            return list(StaffRole.values)
        held = {group.name for group in self.groups.all()}
        return [role for role in StaffRole.values if role in held]

    # -- the second factor gate ------------------------------------------------------------------
    # A staff account acts as staff only in a session (or with a token) that passed the second
    # factor. Until then the request's user object is demoted: it is a plain applicant for every
    # permission check in the platform, and saving it keeps the stored flags as they are.

    def demote_until_second_factor(self) -> None:
        if not hasattr(self, "_real_staff"):
            self._real_staff = (self.is_staff, self.is_superuser)
            self.is_staff = self.is_superuser = False

    @property
    def awaits_second_factor(self) -> bool:
        return hasattr(self, "_real_staff")

    @property
    def is_staff_account(self) -> bool:
        """Staff as stored, whether or not this request may act as staff yet."""
        return getattr(self, "_real_staff", (self.is_staff, self.is_superuser))[0]

    def save(self, *args, **kwargs):
        if not hasattr(self, "_real_staff"):
            return super().save(*args, **kwargs)
        shown = (self.is_staff, self.is_superuser)
        self.is_staff, self.is_superuser = self._real_staff
        try:
            return super().save(*args, **kwargs)
        finally:
            self.is_staff, self.is_superuser = shown


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 is stored, the token itself is shown once. A token carries
    staff powers only when it was issued after the second factor (or by the server's
    `issue_token` command)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("person")
    )
    digest = models.CharField(max_length=64, unique=True, verbose_name=_("token digest"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("begins with"), max_length=8, blank=True)
    second_factor = models.BooleanField(_("issued after the second factor"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    expires_at = models.DateTimeField(verbose_name=_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last used"))
    last_used_ip = models.GenericIPAddressField(
        null=True, blank=True, verbose_name=_("last used from IP address")
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"token of {self.user_id} until {self.expires_at:%Y-%m-%d}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class SignInFailure(models.Model):
    """A failed sign-in, kept for the administrator to see; the limits themselves count in
    `core.RateCounter` (per address and IP, per IP, per address)."""

    email = models.CharField(max_length=254, db_index=True, verbose_name=_("e-mail"))
    at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("when"))
    ip = models.GenericIPAddressField(null=True, blank=True, verbose_name=_("IP address"))

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")

    def __str__(self) -> str:
        return f"{self.email} at {self.at}"


class SecondFactor(models.Model):
    """A person's TOTP authenticator (RFC 6238: 6 digits, 30 seconds). `last_step` is the time step
    of the last code accepted: a code is never accepted twice."""

    person = models.OneToOneField(User, on_delete=models.CASCADE, related_name="second_factor")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(_("turned on"), null=True, blank=True)
    last_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("second factor")
        verbose_name_plural = _("second factors")

    def __str__(self) -> str:
        return f"TOTP of {self.person_id}"


class RecoveryCode(models.Model):
    """A one-time code for when the authenticator is lost; 120 random bits, stored as SHA-256."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"recovery code of {self.person_id}"


class ConsentDocument(models.Model):
    """The consent to the processing of personal data as its own document (152-FZ art. 9, in
    force from 2025-09-01): its text, version and purposes. A new version becomes current when
    published; people whose consent is to an older one are asked again."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    text_ru = models.TextField(_("text (Russian)"))
    text_en = models.TextField(_("text (English)"))
    purposes = models.JSONField(_("purposes"), default=list)
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("consent document")
        verbose_name_plural = _("consent documents")

    def __str__(self) -> str:
        return f"v{self.version}: {self.title_ru}"


class Consent(models.Model):
    """A person's consent to one version of the document: when given and, if so, withdrawn."""

    person = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    document = models.ForeignKey(
        ConsentDocument, on_delete=models.PROTECT, related_name="consents", verbose_name=_("consent document")
    )
    accepted_at = models.DateTimeField(_("given"), default=timezone.now)
    accepted_from = models.GenericIPAddressField(_("from IP address"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["person", "document"])]

    def __str__(self) -> str:
        return f"{self.person_id} v{self.document_id}"


class DestructionRecord(models.Model):
    """A record of personal data destroyed (Roskomnadzor order No. 179): kept 3 years, seen by
    administrators. It names the person by a number only: their data are gone."""

    person_number = models.PositiveIntegerField(_("person's number"))
    categories = models.JSONField(_("categories destroyed"), default=list)
    kept = models.JSONField(_("kept by law, and why"), default=list)
    reason = models.CharField(_("reason"), max_length=200)
    performed_at = models.DateTimeField(_("destroyed at"), default=timezone.now)
    keep_until = models.DateField(_("record kept until"))

    class Meta:
        ordering = ["-performed_at"]
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction records")

    def __str__(self) -> str:
        return f"#{self.person_number} {self.performed_at:%Y-%m-%d}"
