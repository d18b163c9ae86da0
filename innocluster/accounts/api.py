import datetime as dt
from typing import Literal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router
from pydantic import Field, StrictBool

from innocluster.accounts import consent, services
from innocluster.accounts.error_codes import AccountErrorCode
from innocluster.accounts.models import ApiToken, User
from innocluster.accounts.services import second_factor
from innocluster.core.api_auth import holding, signed_in
from innocluster.core.api_schemas import Id, Schema, answers
from innocluster.core.errors import InvalidInput, NotAuthenticated, NotFound
from innocluster.organizations import selectors as organizations

router = Router(tags=["accounts"])
users_router = Router(tags=["accounts"])


class RegisterIn(Schema):
    email: str = Field(max_length=254, description="an e-mail address; the confirmation link goes there")
    password: str = Field(max_length=200, description="10+ characters, not only digits, not a common one")
    full_name: str = Field(max_length=200)
    consent: StrictBool = Field(  # given by `true` itself, never read into "yes" or 1
        False,
        description="true when the person ticked, in the integrator's form, the consent to the processing "
        "of personal data (152-FZ art. 9) whose current text is at /accounts/consent/document/; it is "
        "recorded with its version, the time and the IP address. Without it the account is made all the "
        "same, and the person is asked for the consent at their first page on the site",
    )
    consent_version: int | None = Field(
        None,
        ge=1,
        description="the version of the consent text the person was shown; a 422 naming this field when "
        "it is no longer the current one (show the new text and ask again)",
    )


class RegisterOut(Schema):
    id: int
    email: str


@router.post("/register", response=answers({201: RegisterOut}, 429), auth=None)
def register(request, payload: RegisterIn):
    """Create an account; a confirmation link is e-mailed. An address that already has an account
    gets the same answer (and its owner an e-mail), so nobody learns which addresses exist. The
    consent to the processing of personal data is recorded only when `consent` is true: never
    implied."""
    document = consent.current_document() if payload.consent else None
    if document is not None and payload.consent_version not in (None, document.version):
        raise InvalidInput(
            _("The text of the consent has changed: show version %(version)d and ask again.")
            % {"version": document.version},
            field="consent_version",
        )
    registration = services.register_person(
        email=payload.email,
        password=payload.password,
        full_name=payload.full_name,
        language=translation.get_language() or "ru",
        ip=services.client_ip(request),
        consent_to=document,
    )
    return 201, {"id": registration.id, "email": registration.email}


class TokenIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)
    otp: str | None = Field(
        None,
        max_length=40,
        description="the current 6-digit TOTP code (or a recovery code); required for staff and "
        "for accounts with the second factor on",
    )
    name: str = Field("", max_length=100, description="a label shown in the cabinet's token list")


class TokenOut(Schema):
    token: str
    expires_at: dt.datetime


@router.post("/token", response=answers({200: TokenOut}, 401, 429), auth=None)
def token(request, payload: TokenIn):
    """A bearer token for `Authorization: Bearer <token>`. Staff, and accounts that turned the
    second factor on, send `otp` (`401 second_factor_required` without it)."""
    user = services.sign_in(
        request=request, email=payload.email, password=payload.password, require_confirmed=False
    )
    verified = False
    if services.needs_second_factor(user):
        if not payload.otp:
            raise NotAuthenticated(_second_factor_message(user), code=AccountErrorCode.SECOND_FACTOR_REQUIRED)
        second_factor.verify(person=user, code=payload.otp, ip=services.client_ip(request))
        verified = True
    value = services.issue_token(user=user, second_factor=verified, name=payload.name, by="api")
    return {"token": value, "expires_at": ApiToken.objects.get(digest=ApiToken.digest_of(value)).expires_at}


def _second_factor_message(user) -> str:
    if second_factor.has_second_factor(user):
        return _("Send the current code of your authenticator as “otp”.")
    return _(
        "Staff accounts act only with the second factor: turn it on in the cabinet (Security), then "
        "send its current code as “otp”."
    )


class TokenInfo(Schema):
    id: int
    name: str
    begins_with: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    last_used_ip: str | None
    second_factor: bool


def _token_info(row) -> dict:
    return {
        "id": row.pk,
        "name": row.name,
        "begins_with": row.prefix,
        "created_at": row.created_at,
        "expires_at": row.expires_at,
        "last_used_at": row.last_used_at,
        "last_used_ip": row.last_used_ip,
        "second_factor": row.second_factor,
    }


@router.get("/tokens", response=answers({200: list[TokenInfo]}, 401), auth=signed_in)
def my_tokens(request):
    """The caller's tokens that still work (the tokens themselves are never shown again)."""
    return [_token_info(row) for row in services.tokens_of(request.auth)[:200]]


@router.delete("/tokens/{token_id}", response=answers({204: None}, 401, 404), auth=signed_in)
def revoke(request, token_id: Id):
    """Revoke one of the caller's tokens; it stops working at once."""
    services.revoke_token(actor=request.auth, token_id=token_id)
    return 204, None


class MembershipRole(Schema):
    id: int
    role: Literal["owner", "manager", "member"]
    short_name: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    language: str
    email_confirmed: bool
    second_factor: bool
    roles: list[str] = Field(description="staff roles held (every role for a superuser)")
    acting_as_staff: bool = Field(
        description="false while a staff account has not passed the second factor in this session or token"
    )
    organizations: list[MembershipRole]
    consent_version: int | None = Field(
        description="the version of the consent to the processing of personal data the person holds "
        "(null: none, or withdrawn)"
    )
    consent_current: bool = Field(
        description="false when that is not the current version: the site asks the person again"
    )


@users_router.get("/me", response=answers({200: MeOut}, 401), auth=signed_in)
def me(request):
    """Who the caller is: staff roles and the organisations they act for."""
    user = request.auth
    status = consent.consent_status(user)
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "email_confirmed": user.email_confirmed,
        "second_factor": second_factor.has_second_factor(user),
        "roles": user.roles(),
        "acting_as_staff": user.is_staff,
        "organizations": [
            {"id": link.organization_id, "role": link.role, "short_name": link.organization.short_name}
            for link in organizations.organizations_of(user)
        ],
        "consent_version": status.version,
        "consent_current": status.current,
    }


class RolesIn(Schema):
    roles: list[Literal["reviewer", "expert", "coordinator", "administrator"]] = Field(max_length=4)


class RolesOut(Schema):
    id: int
    roles: list[str]


@users_router.put(
    "/users/{user_id}/roles",
    response=answers({200: RolesOut}, 401, 403, 404, 409),
    auth=holding(services.is_administrator, gettext_lazy("Only an administrator gives staff roles.")),
)
def put_roles(request, user_id: Id, payload: RolesIn):
    """Administrators: give a person exactly these staff roles (an empty list makes them an
    applicant again)."""
    person = User.objects.filter(pk=user_id).first()
    if person is None:
        raise NotFound()
    person = services.set_roles(actor=request.auth, person=person, roles=list(payload.roles))
    return {"id": person.pk, "roles": person.roles()}
