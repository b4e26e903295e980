"""Settings for `make load`'s gunicorn: corresp's own, with a URLconf that adds the floor page.

Never used in production: only scripts/load.py names this module (DJANGO_SETTINGS_MODULE of the
gunicorn it starts), so the floor page exists only on that server.
"""

from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.load_urls"
