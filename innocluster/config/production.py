"""Production settings: secure cookies, HTTPS, compressed static files. Select with
DJANGO_SETTINGS_MODULE=innocluster.config.production and set INNOCLUSTER_SECRET_KEY and
INNOCLUSTER_ALLOWED_HOSTS."""

from innocluster.config import env
from innocluster.config.settings import *  # noqa: F403
from innocluster.config.settings import STORAGES

DEBUG = False
SECRET_KEY = env.get("SECRET_KEY") or ""
if len(SECRET_KEY) < 50:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set INNOCLUSTER_SECRET_KEY to a random string of 50 or more characters.")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", "localhost")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env.get("HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
WHITENOISE_USE_FINDERS = False
