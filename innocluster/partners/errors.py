"""Partner search's refusals."""

from django.utils.translation import gettext_lazy as _

from innocluster.core.errors import PlatformError
from innocluster.partners.error_codes import PartnerErrorCode


class SearchTimedOut(PlatformError):
    """A search's statement ran past search.ranking.SEARCH_TIMEOUT and PostgreSQL stopped it."""

    code = PartnerErrorCode.SEARCH_TIMEOUT
    status = 503
    default_message = _("The search took too long and was stopped. Try fewer or more specific words.")
