"""`innocluster manage issue_token EMAIL [--days N]`: a new API token for that account, printed
once, for automation run by whoever administers the server (so it carries the account's staff
roles without a second-factor code). Audited as `person.token_issued` with `by: command`."""

from django.core.management.base import BaseCommand, CommandError

from innocluster.accounts.models import User
from innocluster.accounts.services import issue_token
from innocluster.accounts.services.tokens import MAX_DAYS


class Command(BaseCommand):
    help = "Print a new API token for the account with this e-mail (for automation; audited)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--days", type=int, default=None, help=f"how long it works, 1-{MAX_DAYS} (default 90)"
        )
        parser.add_argument("--name", default="issued by command", help="a label shown in the cabinet")

    def handle(self, *args, email, days, name, **options):
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with the e-mail {email}.")
        if days is not None and not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be from 1 to {MAX_DAYS}.")
        self.stdout.write(issue_token(user=user, second_factor=True, name=name, days=days, by="command"))
