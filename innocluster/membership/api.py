import datetime as dt
from typing import Literal

from ninja import Router
from pydantic import Field, StrictBool

from innocluster.core.api_auth import anyone, signed_in
from innocluster.core.api_schemas import Id, Schema, answers
from innocluster.core.errors import NotFound
from innocluster.membership import services
from innocluster.membership.models import MembershipApplication
from innocluster.organizations import selectors as organizations
from innocluster.reviews import selectors as review_selectors
from innocluster.reviews import services as reviews

router = Router(tags=["membership"])


class MembershipIn(Schema):
    """Only `organization_id` and `consent_personal_data: true` are needed: the contact person and
    e-mail default to the caller's account, the phone, activity and technology areas to the
    organisation's profile."""

    organization_id: Id
    # strict: consent is given by `true` itself (152-FZ art. 9), never read into "yes" or 1
    consent_personal_data: StrictBool = Field(False, description="must be true to submit (152-FZ consent)")
    contact_name: str | None = Field(None, max_length=200)
    contact_position: str | None = Field(None, max_length=200)
    contact_phone: str | None = Field(None, max_length=40)
    contact_email: str | None = Field(None, max_length=254)
    activity: str | None = Field(None, max_length=5000)
    innovation_areas: str | None = Field(None, max_length=2000)
    goals: str | None = Field(None, max_length=5000)
    draft: bool = False


class MembershipOut(Schema):
    id: int
    organization_id: int
    status: str
    submitted_on: dt.date | None
    review_due: dt.date | None
    decision_comment: str
    participant_number: int | None
    contact_name: str
    contact_position: str
    contact_phone: str
    contact_email: str
    activity: str
    innovation_areas: str
    goals: str
    consent_personal_data: bool


class DecisionIn(Schema):
    decision: Literal["approve", "reject", "return"]
    comment: str = Field("", max_length=5000, description="required to reject or return")


class DecisionOut(Schema):
    id: int
    status: str


def _out(application: MembershipApplication) -> dict:
    case = application.case
    participation = getattr(application, "participation", None)
    return {
        "id": application.pk,
        "organization_id": application.organization_id,
        "status": case.status,
        "submitted_on": case.submitted_on,
        "review_due": case.review_due,
        "decision_comment": case.decision_comment,
        "participant_number": participation.number if participation else None,
        **{name: getattr(application, name) for name in services.FORM_FIELDS},
    }


@router.post("", response=answers({201: MembershipOut}, 401, 404, 409), auth=signed_in)
def apply(request, payload: MembershipIn):
    """Fill in and submit the membership application (or keep it as a draft with `"draft": true`)."""
    organization = organizations.get_organization_for(
        user=request.auth, pk=payload.organization_id, perm="organizations.act_for"
    )
    if organization is None:
        raise NotFound()
    data = payload.dict(exclude={"organization_id", "draft"}, exclude_none=True)
    application = services.apply_for_membership(
        actor=request.auth, organization=organization, data=data, draft=payload.draft
    )
    return 201, _out(application)


@router.get("/{application_id}", response=answers({200: MembershipOut}, 401, 404), auth=anyone)
def read(request, application_id: Id):
    application = review_selectors.application_to_read(MembershipApplication, request.auth, application_id)
    return _out(application)


@router.post(
    "/{application_id}/decision", response=answers({200: DecisionOut}, 401, 403, 404, 409), auth=signed_in
)
def decide(request, application_id: Id, payload: DecisionIn):
    """Staff only: approve, reject or return (reject and return need a comment)."""
    application = review_selectors.application_to_decide(MembershipApplication, request.auth, application_id)
    case = reviews.decide(application.case, payload.decision, actor=request.auth, comment=payload.comment)
    return {"id": application.pk, "status": case.status}
