"""The public feedback link of a pilot (SPEC C6): the people who use the product at the site rate
it from 1 to 5, with a comment, without an account.

- The link carries the pilot's number signed with the secret key (`django.core.signing`, salt
  `pilots.feedback`): it cannot be guessed or changed, and it does not expire (the pilot's status
  closes it).
- It is open while the pilot runs: status running, or accepted with its first day come. Before
  and after (requested, declined, cancelled, completed) the page says the link is closed.
- A flood is refused: at most `PER_CLIENT` entries an hour from one client (IP) for one pilot and
  `PER_PILOT` an hour for the pilot overall (`core.throttle`, counted outside any transaction so a
  refusal stays counted), a honeypot field, and a signed form stamp refusing a form sent less than
  `MIN_SECONDS` after it was served or more than `MAX_AGE` later.
- An entry is `Feedback(source="public", protocol=None)`; `selectors.protocol_summary` counts the
  entries left before the protocol was submitted."""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from innocluster.core import audit, links, throttle
from innocluster.core.errors import Conflict, InvalidInput, RateLimited
from innocluster.core.text import clean_text
from innocluster.pilots.enums import FeedbackSource, PilotStatus
from innocluster.pilots.models import Feedback, Pilot

SALT = "pilots.feedback"
FORM_SALT = "pilots.feedback.form"
MAX_COMMENT = 2000
PER_CLIENT = 5  # entries an hour from one client for one pilot
PER_PILOT = 200  # entries an hour for one pilot from everyone
WINDOW = 3600  # seconds
MIN_SECONDS = 2  # a person needs at least this long to read the form, choose and send
MAX_AGE = 24 * 3600  # a form older than a day is sent again from a fresh page


class LinkClosed(Conflict):
    default_message = gettext_lazy("The feedback link of this pilot is closed.")


class FormRefused(InvalidInput):
    """The form itself is refused (the honeypot filled, sent too fast, a stale or forged stamp):
    nothing of what was typed is wrong, the page is sent again."""

    status = 400


# --- the link ---------------------------------------------------------------------------------


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def token_for(pilot: Pilot) -> str:
    """The same link every time (no moment inside), so the printed QR code and the page agree."""
    return _signer().sign_object(pilot.pk)


def pilot_for_token(token: str) -> Pilot | None:
    """The pilot of a link; None for a forged, changed or unknown one (a 404)."""
    try:
        pk = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if isinstance(pk, bool) or not isinstance(pk, int):
        return None
    return Pilot.objects.select_related("site", "organization").filter(pk=pk).first()


def feedback_path(pilot: Pilot) -> str:
    return reverse("pilots:feedback", args=[token_for(pilot)])


def feedback_url(request, pilot: Pilot) -> str:
    """The absolute address of the pilot's public feedback link, for its page and its QR code
    (`core.links`: the operator's SITE_URL when fixed, otherwise the address `request` came to)."""
    base = "" if settings.SITE_URL_FIXED or request is None else links.request_base(request)
    return (base or links.base_url()) + feedback_path(pilot)


def is_open(pilot: Pilot, today: dt.date | None = None) -> bool:
    """Open while the pilot runs: status running, or accepted and its first day has come."""
    today = today or timezone.localdate()
    return pilot.status == PilotStatus.RUNNING or (
        pilot.status == PilotStatus.ACCEPTED and pilot.starts_on <= today
    )


def not_open_yet(pilot: Pilot, today: dt.date | None = None) -> bool:
    """Closed because it has not started (it may open later), not because it is over."""
    today = today or timezone.localdate()
    return pilot.status == PilotStatus.REQUESTED or (
        pilot.status == PilotStatus.ACCEPTED and pilot.starts_on > today
    )


# --- the form's guards ------------------------------------------------------------------------


def form_stamp(pilot: Pilot, at: float | None = None) -> str:
    """A signed moment the form was served, for this pilot (a hidden field of the form)."""
    moment = timezone.now().timestamp() if at is None else at
    return signing.dumps({"pilot": pilot.pk, "at": round(moment, 3)}, salt=FORM_SALT)


def check_form(pilot: Pilot, *, stamp: str, honeypot: str) -> None:
    """Refuse a form whose honeypot is filled, or whose stamp is forged, of another pilot, younger
    than MIN_SECONDS or older than MAX_AGE. Raises `FormRefused` (400)."""
    if honeypot:
        raise FormRefused(_("The form could not be accepted. Reload the page and send it again."))
    try:
        data = signing.loads(stamp or "", salt=FORM_SALT)
        at = float(data["at"]) if data.get("pilot") == pilot.pk else None
    except (signing.BadSignature, TypeError, KeyError, ValueError, AttributeError):
        at = None
    if at is None:
        raise FormRefused(_("The form could not be accepted. Reload the page and send it again."))
    age = timezone.now().timestamp() - at
    if age < MIN_SECONDS:
        raise FormRefused(_("The form was sent too quickly. Wait a moment and send it again."))
    if age > MAX_AGE:
        raise FormRefused(_("The form is more than a day old. Reload the page and send it again."))


def _count(pilot: Pilot, client_key: str) -> None:
    """One attempt from `client_key` for `pilot`: refused with 429 beyond the client's or the
    pilot's hourly limit. The pilot's counter is not spent by a client already over its own."""
    hit = throttle.hit(f"pilot-feedback-client:{pilot.pk}:{client_key}", window=WINDOW)
    if hit.count > PER_CLIENT:
        raise RateLimited(
            ngettext(
                "You have already rated this pilot %(most)d time in an hour. Try again in %(minutes)d min.",
                "You have already rated this pilot %(most)d times in an hour. Try again in %(minutes)d min.",
                PER_CLIENT,
            )
            % {"most": PER_CLIENT, "minutes": max(1, round(hit.retry_after / 60))},
            retry_after=hit.retry_after,
        )
    hit = throttle.hit(f"pilot-feedback:{pilot.pk}", window=WINDOW)
    if hit.count > PER_PILOT:
        raise RateLimited(
            _("This pilot has received too many ratings in the last hour. Try again in %(minutes)d min.")
            % {"minutes": max(1, round(hit.retry_after / 60))},
            retry_after=hit.retry_after,
        )


def clean_rating(value) -> int:
    text = "" if value is None or isinstance(value, bool) else str(value).strip()
    if text not in {"1", "2", "3", "4", "5"}:
        raise InvalidInput(_("Choose a rating from 1 to 5."), field="rating")
    return int(text)


# --- the entry --------------------------------------------------------------------------------


def leave_public_feedback(pilot: Pilot, rating, comment, client_key: str) -> Feedback:
    """Store a rating (1-5) and a comment (at most 2,000 characters) left through the pilot's
    public link by the client `client_key` (its IP). Refused: 429 beyond the hourly limits
    (counted first, outside the transaction, whatever the rest says: call it outside any
    transaction that a refusal rolls back), 422 naming the field for a
    bad rating or comment, 409 `LinkClosed` unless the pilot is open (checked on its locked row).
    Side effects: the counters; audit `pilot.feedback_left` (no actor)."""
    _count(pilot, client_key)
    rating = clean_rating(rating)
    comment = clean_text(comment, field="comment", max_length=MAX_COMMENT)
    with transaction.atomic():
        pilot = Pilot.objects.select_for_update(of=("self",)).get(pk=pilot.pk)
        if not is_open(pilot):
            raise LinkClosed()
        entry = Feedback.objects.create(
            pilot=pilot, protocol=None, rating=rating, comment=comment, source=FeedbackSource.PUBLIC
        )
        audit.record(
            actor=None,
            action="pilot.feedback_left",
            obj=pilot,
            data={"feedback": entry.pk, "rating": rating, "source": FeedbackSource.PUBLIC},
        )
    return entry
