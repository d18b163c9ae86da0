from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "innocluster.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    role_permissions = {
        "administrator": [
            "accounts.view_user",
            "accounts.change_user",
            "auth.view_group",
            "accounts.view_signinfailure",
            "accounts.view_consentdocument",
            "accounts.add_consentdocument",
            "accounts.view_consent",
            "accounts.view_destructionrecord",
        ],
    }

    def ready(self) -> None:
        from datetime import timedelta

        from django.db.models.signals import post_migrate

        from innocluster.accounts.roles import grant_role_permissions
        from innocluster.accounts.tasks import destroy_withdrawn_personal_data
        from innocluster.core.periodic import register_periodic

        post_migrate.connect(grant_role_permissions, dispatch_uid="innocluster.grant_role_permissions")
        # 152-FZ art. 21 part 5: destroyed within 30 days of a withdrawal, on the day `destroy_after`
        # comes (checked four times a day, so that a worker's restart never skips a day)
        register_periodic(destroy_withdrawn_personal_data, every=timedelta(hours=6))
