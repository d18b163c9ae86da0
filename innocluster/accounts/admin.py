from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count, Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from innocluster.accounts import consent
from innocluster.accounts.models import (
    ApiToken,
    Consent,
    ConsentDocument,
    DestructionRecord,
    SignInFailure,
    User,
)
from innocluster.core.admin import PersonalDataReadAdmin, ReadOnlyAdmin


@admin.register(User)
class UserAdmin(PersonalDataReadAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "email_confirmed_at", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "language", "email_confirmed_at"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]

    def personal_data_reason(self, request, obj):
        # another person's account: in their "My data" among the reads of it
        return "account administration" if obj != request.user else None


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "expires_at", "last_used_at"]
    readonly_fields = ["user", "digest", "created_at", "last_used_at"]
    search_fields = ["user__email"]


@admin.register(SignInFailure)
class SignInFailureAdmin(admin.ModelAdmin):
    list_display = ["email", "at", "ip"]
    search_fields = ["email"]


# -- The consent to the processing of personal data (152-FZ art. 9) -------------------------------


class ConsentDocumentForm(forms.ModelForm):
    purposes = forms.MultipleChoiceField(
        label=_("purposes"), choices=consent.ConsentPurpose.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ConsentDocument
        fields = ["title_ru", "title_en", "text_ru", "text_en", "purposes"]


@admin.register(ConsentDocument)
class ConsentDocumentAdmin(admin.ModelAdmin):
    """Administrators publish a new version by adding it (the form starts from the current text);
    it is numbered after the last one and current at once, and everyone is asked to consent to it
    at their next page. A published version is never edited or deleted: people consented to
    exactly that text."""

    form = ConsentDocumentForm
    list_display = ["version", "title_ru", "published_at", "consents_held"]
    readonly_fields = ["version", "published_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(held=Count("consents", filter=Q(consents__withdrawn_at__isnull=True)))
        )

    @admin.display(description=_("consents held"), ordering="held")
    def consents_held(self, document) -> int:
        return document.held

    def get_changeform_initial_data(self, request):
        current = consent.current_document()
        if current is None:
            return super().get_changeform_initial_data(request)
        return {
            "title_ru": current.title_ru,
            "title_en": current.title_en,
            "text_ru": current.text_ru,
            "text_en": current.text_en,
            "purposes": current.purposes,
        }

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["title_ru", "title_en", "text_ru", "text_en", "purposes"]
        return ["version", "published_at", "title_ru", "title_en", "text_ru", "text_en", "purposes"]

    def has_change_permission(self, request, obj=None):
        return False  # read-only once published, and adding publishes

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        published = consent.publish_document(
            actor=request.user,
            title_ru=form.cleaned_data["title_ru"],
            title_en=form.cleaned_data["title_en"],
            text_ru=form.cleaned_data["text_ru"],
            text_en=form.cleaned_data["text_en"],
            purposes=form.cleaned_data["purposes"],
        )
        # the admin goes on with `obj` (its log entry, the redirect): it is the published version
        obj.pk, obj.version, obj.published_at, obj.purposes = (
            published.pk,
            published.version,
            published.published_at,
            published.purposes,
        )
        obj._state.adding = False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    """Who consented to which version, when and from where; given and withdrawn only by the people
    themselves."""

    list_display = ["person", "version", "accepted_at", "accepted_from", "withdrawn_at"]
    list_filter = ["document__version", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["person__email"]
    list_select_related = ["person", "document"]
    date_hierarchy = "accepted_at"

    @admin.display(description=_("version"), ordering="document__version")
    def version(self, row) -> int:
        return row.document.version


# -- Destruction records (Roskomnadzor order No. 179): written by the destruction task only ----------


@admin.register(DestructionRecord)
class DestructionRecordAdmin(ReadOnlyAdmin):
    """Who (a person's number: their data are gone), which categories, what was kept and why, when;
    kept 3 years, then deleted by the task. Administrators read them; nobody edits them."""

    list_display = ["performed_at", "person_number", "reason", "keep_until"]
    search_fields = ["=person_number"]
    date_hierarchy = "performed_at"
    fields = ["person_number", "performed_at", "reason", "destroyed", "kept_by_law", "keep_until"]
    readonly_fields = fields

    @admin.display(description=_("categories destroyed"))
    def destroyed(self, record):
        return _as_list(record.categories)

    @admin.display(description=_("kept by law, and why"))
    def kept_by_law(self, record):
        return _as_list(record.kept) if record.kept else "—"


def _as_list(items):
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((item,) for item in items)))
