"""How the API knows the caller: a bearer token, or the browser's session (with its CSRF check
for writes). Public endpoints accept anonymous callers and look at `request.user`."""

from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer, SessionAuth


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        from innocluster.accounts.services import person_for_token

        user = person_for_token(token)
        if user is not None:
            request.user = user
        return user


class OptionalAuth:
    """Lets anonymous callers through, but still resolves a bearer token or a session."""

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = BearerToken().authenticate(request, header[7:].strip())
            if user is None:
                return None  # a wrong token is a 401, never a silent anonymous call
            return user
        return request.user if request.user.is_authenticated else AnonymousUser()


signed_in = [BearerToken(), SessionAuth()]
anyone = [OptionalAuth()]
