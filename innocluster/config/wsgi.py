import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocluster.config.settings")
application = get_wsgi_application()

# Load partner search's sentence encoder (about 1.5 s) as the web process starts, not while the
# first person to search waits for it and everyone behind them queues.
from innocluster.partners.search import encoder  # noqa: E402

encoder()
