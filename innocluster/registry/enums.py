from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistryCategory(models.TextChoices):
    STARTUP = "startup", _("Startup")
    HIGH_TECH = "high_tech", _("High-tech company")
