"""`innocluster manage reset_second_factor EMAIL --reason TEXT`: forget the authenticator and the
recovery codes of a person who lost both, so that the next sign-in asks for a new one. Run by
whoever administers the server, after checking who asks (a phone call, in person). Audited as
`person.second_factor_reset` with the reason; the person is notified."""

from django.core.management.base import BaseCommand, CommandError

from innocluster.accounts.models import User
from innocluster.accounts.services import second_factor


class Command(BaseCommand):
    help = "Forget the second factor of the account with this e-mail (it lost its phone and codes; audited)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--reason", required=True, help="why, for the audit log (who asked, how checked)")

    def handle(self, *args, email, reason, **options):
        reason = reason.strip()
        if not reason:
            raise CommandError("--reason must say why (who asked, how they were checked).")
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with the e-mail {email}.")
        if second_factor.reset(person=user, reason=reason):
            self.stdout.write(
                f"The second factor of {user.email} is reset: the next sign-in asks to set up a new one."
            )
        else:
            self.stdout.write(f"{user.email} had no second factor; the request is recorded in the audit log.")
