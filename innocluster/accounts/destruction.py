"""The destruction of a person's personal data after they withdrew their consent (152-FZ art. 21
part 5: within 30 days), except what a law requires to keep, which is kept and marked; and the
record of each destruction, kept 3 years (Roskomnadzor order No. 179) and then deleted.

The account row stays, with its number only ("Удалённый пользователь №17", deleted-17@invalid):
decisions, uploads and the audit log of the cluster refer to it. What is destroyed:
- in accounts: the name, e-mail, password and last sign-in; the consents' IP addresses (the
  consents themselves stay: the operator proves a consent, art. 9 part 3); notifications to
  them, tokens, the second factor and recovery codes, failed sign-ins and attempt counters by
  their address;
- in the apps above (read and written by model name: accounts imports none of them; each table is
  named below): invitations to their address and their roles in organisations
  (organizations), the contact given in a membership application where it is theirs
  (membership), what they typed into application forms and did not save, and the files of their
  own applications that no law keeps (measures);
- everywhere else: their e-mail, their full name (when no other person bears it) and the
  phones they gave are replaced in every text column (and JSON) of every table, the audit log
  included. The audit log is append-only by a trigger (core migrations 0003, 0006); the
  destruction is the one writer allowed through it, inside its transaction, and only to rewrite
  an event's texts (its object id, comment and details), never who, what or when.
The partner search indexes organisations, not persons: an organisation whose texts named the
person is re-indexed. Organisation names stay (a sole proprietor's name is public in EGRIP).

Kept by law and listed in the record: a signed grant agreement, its application (with items,
documents and cost reports) and its payments (402-FZ art. 29: 5 years)."""

import contextlib
import datetime as dt
import logging
import re

from django.apps import apps
from django.db import transaction
from django.db.models import CharField, JSONField, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from innocluster.accounts.models import (
    ApiToken,
    Consent,
    DestructionRecord,
    RecoveryCode,
    SecondFactor,
    SignInFailure,
    User,
)
from innocluster.core import audit
from innocluster.core.models import AuditEvent, Notification, RateCounter

logger = logging.getLogger(__name__)

RECORD_YEARS = 3
REASON = "отзыв согласия на обработку персональных данных (152-ФЗ, ст. 9 ч. 2, ст. 21 ч. 5)"
KEPT_AGREEMENT = (
    "подписанное соглашение № {number} о предоставлении гранта (заявка № {case}) с заявкой, её "
    "документами и отчётами: хранится по закону о бухгалтерском учёте (402-ФЗ, ст. 29) 5 лет"
)
KEPT_PAYMENTS = "выплаты по соглашению № {number} ({count}): хранятся по закону о бухгалтерском учёте 5 лет"
KEPT_CONSENTS = (
    "согласия на обработку персональных данных ({count}: версии и даты, без IP-адресов): "
    "доказательство согласия и его отзыва (152-ФЗ, ст. 9 ч. 3)"
)
KEPT_REGISTER = "наименование организации № {organization}: сведения ЕГРЮЛ/ЕГРИП общедоступны (129-ФЗ, ст. 6)"

# Tables that the sweep of texts leaves alone: the person's own row and the record (written here),
# derived search tables (rebuilt from the organisations, see `_reindex`), and Django's own
# reference tables.
SKIP_MODELS = {
    "accounts.User",
    "accounts.DestructionRecord",
    "core.RateCounter",
    "sessions.Session",
    "partners.SearchDocument",
    "partners.Lexicon",
    "contenttypes.ContentType",
    "auth.Permission",
    "auth.Group",
}
# A legal entity's or a sole proprietor's name is public in the state register (129-FZ art. 6).
PUBLIC_REGISTER_FIELDS = {
    ("organizations.Organization", "full_name"),
    ("organizations.Organization", "short_name"),
}


def placeholder_name(person_id: int) -> str:
    return f"Удалённый пользователь №{person_id}"


def placeholder_email(person_id: int) -> str:
    return f"deleted-{person_id}@invalid"


def _model(label: str):
    return apps.get_model(label)


# -- the task's body -------------------------------------------------------------------------------


def destroy_due_personal_data(*, today: dt.date | None = None) -> int:
    """Destroy the data of every person whose `destroy_after` has come (one transaction each; a
    person another worker is destroying is skipped), then delete the records past their 3 years.
    Idempotent: a person is destroyed once. Returns how many were destroyed now."""
    today = today or timezone.localdate()
    due = list(
        User.objects.filter(destroy_after__lte=today, destroyed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for pk in due:
        with transaction.atomic():
            person = (
                User.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, destroy_after__lte=today, destroyed_at__isnull=True)
                .first()
            )
            if person is None:
                continue
            destroy_personal_data(person=person, today=today)
            done += 1
    prune_destruction_records(today=today)
    return done


def prune_destruction_records(*, today: dt.date) -> int:
    """Records past their `keep_until` are deleted (their 3 years are over)."""
    deleted, _ = DestructionRecord.objects.filter(keep_until__lt=today).delete()
    return deleted


# -- one person ------------------------------------------------------------------------------------


@transaction.atomic
def destroy_personal_data(*, person: User, today: dt.date) -> DestructionRecord:
    """Destroy one person's personal data (see the module's text), keeping what a law keeps.
    Side effects: rows deleted and texts rewritten in the tables listed above, stored files of
    their own applications removed after commit, re-indexing of organisations whose texts named
    them; a `DestructionRecord`; audit `accounts.personal_data_destroyed` (numbers only)."""
    pk = person.pk
    email, full_name = person.email, person.full_name
    categories: list[str] = []
    kept, kept_pks = _kept_by_law(person)

    def note(label: str, count: int) -> None:
        if count:
            categories.append(f"{label} ({count})")

    note("уведомления", Notification.objects.filter(recipient=person).delete()[0])
    note("API-токены", ApiToken.objects.filter(user=person).delete()[0])
    factors = SecondFactor.objects.filter(person=person).delete()[0]
    factors += RecoveryCode.objects.filter(person=person).delete()[0]
    note("второй фактор и коды восстановления", factors)
    failures = SignInFailure.objects.filter(email__iexact=email).delete()[0]
    failures += RateCounter.objects.filter(key__icontains=email).delete()[0]
    note("неудачные входы и счётчики попыток по адресу", failures)
    consents = Consent.objects.filter(person=person)
    note("IP-адреса согласий", consents.exclude(accepted_from=None).update(accepted_from=None))
    if consents.exists():
        kept.append(KEPT_CONSENTS.format(count=consents.count()))
    note(
        "приглашения в организации на адрес",
        _model("organizations.Invitation").objects.filter(email__iexact=email).delete()[0],
    )
    note(
        "роли в организациях",
        _model("organizations.OrganizationPerson").objects.filter(person=person).delete()[0],
    )
    note(
        "введённое в формы заявок и не сохранённое",
        _model("measures.FormDraft").objects.filter(person=person).delete()[0],
    )
    phones = _membership_contacts(person, categories)
    note("файлы собственных заявок", _own_application_files(person, kept_pks))

    # the events that name the account by its address first: the sweep below would change it
    note(
        "сведения журнала аудита об учётной записи (IP-адреса, адрес, комментарии)",
        _redact_own_events(person),
    )
    needles = _needles(person, phones)
    swept, organizations = _sweep_texts(needles, kept_pks)
    note("упоминания ФИО, адреса и телефона в текстах", swept)
    kept += [KEPT_REGISTER.format(organization=org) for org in _register_names(full_name, person)]

    person.full_name = placeholder_name(pk)
    person.email = placeholder_email(pk)
    person.set_unusable_password()
    person.last_login = None
    person.email_confirmed_at = None
    person.is_active = person.is_staff = person.is_superuser = False
    person.destroyed_at = timezone.now()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    categories.insert(0, "учётная запись: ФИО, адрес электронной почты, пароль, дата последнего входа, роли")

    record = DestructionRecord.objects.create(
        person_number=pk,
        categories=categories,
        kept=kept,
        reason=REASON,
        performed_at=person.destroyed_at,
        keep_until=_years_later(today, RECORD_YEARS),
    )
    _reindex(organizations)
    audit.record(
        actor=None,
        action="accounts.personal_data_destroyed",
        obj=person,
        data={"record": record.pk, "categories": len(categories), "kept": len(kept)},
    )
    return record


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _kept_by_law(person: User) -> tuple[list[str], dict]:
    """The signed grant agreements of the person (their own application, or one they signed for
    an organisation), with what belongs to them: descriptions for the record, and the primary
    keys per model that the sweep of texts leaves as they are."""
    agreement_model = _model("measures.Agreement")
    agreements = list(
        agreement_model.objects.filter(signed_at__isnull=False)
        .filter(Q(application__person=person) | Q(signed_by=person))
        .select_related("application")
        .order_by("pk")
    )
    kept: list[str] = []
    kept_pks: dict = {}
    if not agreements:
        return kept, kept_pks
    applications = [agreement.application for agreement in agreements]
    ids = [application.pk for application in applications]
    payment_model = _model("measures.Payment")
    kept_pks[agreement_model] = {agreement.pk for agreement in agreements}
    kept_pks[_model("measures.MeasureApplication")] = set(ids)
    kept_pks[_model("reviews.ReviewCase")] = {application.case_id for application in applications}
    for label in ("measures.Payment", "measures.ApplicationItem", "measures.Document", "measures.CostReport"):
        model = _model(label)
        kept_pks[model] = set(model.objects.filter(application_id__in=ids).values_list("pk", flat=True))
    payments = dict.fromkeys(ids, 0)
    for application_id in payment_model.objects.filter(application_id__in=ids).values_list(
        "application_id", flat=True
    ):
        payments[application_id] += 1
    for agreement in agreements:
        kept.append(KEPT_AGREEMENT.format(number=agreement.number, case=agreement.application.case_id))
        if payments[agreement.application_id]:
            kept.append(
                KEPT_PAYMENTS.format(number=agreement.number, count=payments[agreement.application_id])
            )
    return kept, kept_pks


def _membership_contacts(person: User, categories: list[str]) -> list[str]:
    """Clear the contact of membership applications where it is the person's (their address);
    returns the phones they gave there, to find them elsewhere."""
    applications = _model("membership.MembershipApplication").objects.filter(
        contact_email__iexact=person.email
    )
    phones = [phone for phone in applications.values_list("contact_phone", flat=True) if phone]
    cleared = applications.update(contact_name="", contact_position="", contact_phone="", contact_email="")
    if cleared:
        categories.append(f"контактные данные в заявках на вступление ({cleared})")
    return phones


def _own_application_files(person: User, kept_pks: dict) -> int:
    """The documents of the person's own applications (not an organisation's) that no law keeps:
    rows now, stored files after commit."""
    application_model = _model("measures.MeasureApplication")
    document_model = _model("measures.Document")
    own = application_model.objects.filter(person=person, organization__isnull=True).exclude(
        pk__in=kept_pks.get(application_model, ())
    )
    documents = list(document_model.objects.filter(application__in=own))
    files = [document.file for document in documents if document.file]
    document_model.objects.filter(pk__in=[document.pk for document in documents]).delete()
    transaction.on_commit(lambda: [stored.storage.delete(stored.name) for stored in files])
    return len(documents)


# -- the sweep of texts -------------------------------------------------------------------------


def _needles(person: User, phones: list[str]) -> list[tuple[re.Pattern, str, str]]:
    """(pattern, replacement, text to search with) for the person's e-mail, their full name (when
    distinctive: no other person bears it, three letters at least) and the phones they gave."""
    pk = person.pk
    needles = [(re.compile(re.escape(person.email), re.IGNORECASE), placeholder_email(pk), person.email)]
    name = person.full_name.strip()
    namesake = User.objects.filter(full_name__iexact=name, destroyed_at__isnull=True).exclude(pk=pk).exists()
    if len(name) >= 3 and not namesake:
        # a one-word name is replaced as a whole word only ("Ян" is not in "январь")
        pattern = re.escape(name) if " " in name else rf"(?<!\w){re.escape(name)}(?!\w)"
        needles.append((re.compile(pattern, re.IGNORECASE), placeholder_name(pk), name))
    for phone in dict.fromkeys(phones):
        if sum(ch.isdigit() for ch in phone) >= 7:
            needles.append((re.compile(re.escape(phone)), "", phone))
    return needles


def _text_fields(model) -> list:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (CharField, TextField, JSONField))
        and not field.primary_key
        and not field.choices
        and (model is not AuditEvent or field.name in audit.REDACTABLE_FIELDS)
    ]


def _replace(value, needles):
    if isinstance(value, str):
        for pattern, replacement, _text in needles:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, list):
        return [_replace(item, needles) for item in value]
    if isinstance(value, dict):
        return {_replace(key, needles): _replace(item, needles) for key, item in value.items()}
    return value


def _sweep_texts(needles, kept_pks: dict) -> tuple[int, set[int]]:
    """Replace the needles in every text column of every table (but those in SKIP_MODELS, the
    public register names and the rows kept by law). Returns the rows changed and the ids of the
    organisations among them (to re-index)."""
    changed_rows, organizations = 0, set()
    organization_model = _model("organizations.Organization")
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label in SKIP_MODELS:
            continue
        fields = [f for f in _text_fields(model) if (meta.label, f.name) not in PUBLIC_REGISTER_FIELDS]
        if not fields:
            continue
        queryset = model._base_manager.all()
        condition = Q()
        for field in fields:
            lookup = field.name
            if isinstance(field, JSONField):
                lookup = f"_as_text_{field.name}"
                queryset = queryset.alias(**{lookup: Cast(field.name, output_field=TextField())})
            for _pattern, _replacement, text in needles:
                condition |= Q(**{f"{lookup}__icontains": text})
        rows = (
            queryset.filter(condition)
            .exclude(pk__in=kept_pks.get(model, ()))
            .only(meta.pk.name, *(f.name for f in fields))
        )
        updates = []
        for row in rows:
            changes = {}
            for field in fields:
                before = getattr(row, field.attname)
                after = _replace(before, needles)
                if after != before:
                    if field.get_internal_type() == "EmailField" and field.blank and _whole(before, needles):
                        after = ""  # an optional contact address that was theirs is left empty
                    changes[field.attname] = after
            if changes:
                updates.append((row.pk, changes))
        if not updates:
            continue
        with _audit_log_writable(model):
            for row_pk, changes in updates:
                model._base_manager.filter(pk=row_pk).update(**changes)
        changed_rows += len(updates)
        if model is organization_model:
            organizations |= {row_pk for row_pk, _changes in updates}
    return changed_rows, organizations


def _whole(value, needles) -> bool:
    return isinstance(value, str) and any(value.strip().lower() == text.lower() for _p, _r, text in needles)


def _audit_log_writable(model):
    """The audit log refuses UPDATE by a trigger (core migrations 0003, 0006); the destruction of
    personal data may rewrite the texts of events, in its own transaction only."""
    return audit.redacting_personal_data() if model is AuditEvent else contextlib.nullcontext()


def _redact_own_events(person: User) -> int:
    """The audit events about the person's account keep their action and date; what they held of
    the person goes: the address an event named them by (a lockout is recorded by the e-mail),
    IP addresses and e-mails in the details, and comments (the reason of a withdrawal)."""
    events = AuditEvent.objects.filter(object_type="accounts.user").filter(
        Q(object_id=str(person.pk)) | Q(object_id__iexact=person.email)
    )
    updates = []
    for event in events.filter(
        Q(object_id__iexact=person.email) | ~Q(comment="") | Q(data__has_any_keys=["ip", "email"])
    ):
        data = {key: value for key, value in (event.data or {}).items() if key not in ("ip", "email")}
        updates.append((event.pk, {"object_id": str(person.pk), "comment": "", "data": data}))
    if updates:
        with _audit_log_writable(AuditEvent):
            for pk, changes in updates:
                AuditEvent.objects.filter(pk=pk).update(**changes)
    return len(updates)


def _register_names(full_name: str, person: User) -> list[int]:
    """Organisations whose registered name holds the person's name (a sole proprietor's): kept."""
    if len(full_name.strip()) < 3:
        return []
    organizations = _model("organizations.Organization").objects.filter(
        Q(full_name__icontains=full_name) | Q(short_name__icontains=full_name)
    )
    return list(organizations.order_by("pk").values_list("pk", flat=True))


def _reindex(organization_ids: set[int]) -> None:
    """Organisations whose texts named the person: their search documents are rebuilt (the hooks
    that partner search registers with organisations, run after commit)."""
    if not organization_ids:
        return
    # organizations is above accounts: its hooks are looked up only when there is something to do
    from innocluster.organizations.services import PROFILE_CHANGED_HOOKS

    organization_model = _model("organizations.Organization")
    for organization in organization_model.objects.filter(pk__in=organization_ids):
        for hook in PROFILE_CHANGED_HOOKS:
            hook(organization.pk)
