from django.utils.translation import gettext_lazy as _

from innocluster.core.audit_actions import AuditAction, register_audit_actions, register_object_nouns


@register_audit_actions
class PersonAuditAction(AuditAction):
    REGISTERED = "person.registered", _("Account created")
    REGISTRATION_REPEATED = "person.registration_repeated", _("Sign-up repeated with a registered address")
    EMAIL_CONFIRMED = "person.email_confirmed", _("E-mail address confirmed")
    LOCKED = "person.locked", _("Sign-in locked after failed attempts")
    ROLES_CHANGED = "person.roles_changed", _("Staff roles changed")
    SECOND_FACTOR_ON = "person.second_factor_on", _("Second factor turned on")
    SECOND_FACTOR_OFF = "person.second_factor_off", _("Second factor turned off")
    SECOND_FACTOR_RESET = "person.second_factor_reset", _("Second factor reset by the administrator")
    RECOVERY_CODE_USED = "person.recovery_code_used", _("Recovery code used")
    RECOVERY_CODES_RENEWED = "person.recovery_codes_renewed", _("Recovery codes renewed")
    TOKEN_ISSUED = "person.token_issued", _("API token issued")
    TOKEN_REVOKED = "person.token_revoked", _("API token revoked")


@register_audit_actions
class ConsentAuditAction(AuditAction):
    """The consent to the processing of personal data (152-FZ art. 9)."""

    CONSENT_GIVEN = "accounts.consent_given", _("Consent to the processing of personal data given")
    CONSENT_WITHDRAWN = (
        "accounts.consent_withdrawn",
        _("Consent to the processing of personal data withdrawn"),
    )
    PERSONAL_DATA_CORRECTED = "accounts.personal_data_corrected", _("Personal data corrected")
    PERSONAL_DATA_DESTROYED = "accounts.personal_data_destroyed", _("Personal data destroyed")
    CONSENT_DOCUMENT_PUBLISHED = (
        "accounts.consent_document_published",
        _("New version of the consent to the processing of personal data published"),
    )


register_object_nouns({"accounts.user": _("account")})
