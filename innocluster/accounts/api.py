from django.utils import translation
from ninja import Router, Schema

from innocluster.accounts import services

router = Router(tags=["accounts"])


class RegisterIn(Schema):
    email: str
    password: str
    full_name: str


class RegisterOut(Schema):
    id: int
    email: str


@router.post("/register", response={201: RegisterOut}, auth=None)
def register(request, payload: RegisterIn):
    """Create an account; a confirmation link is e-mailed."""
    user = services.register_person(
        email=payload.email,
        password=payload.password,
        full_name=payload.full_name,
        language=translation.get_language() or "ru",
    )
    return 201, {"id": user.pk, "email": user.email}


class TokenIn(Schema):
    email: str
    password: str


class TokenOut(Schema):
    token: str


@router.post("/token", response=TokenOut, auth=None)
def token(request, payload: TokenIn):
    user = services.sign_in(
        request=request, email=payload.email, password=payload.password, require_confirmed=False
    )
    return {"token": services.issue_token(user=user)}
