"""Settings for `make run` on a developer's machine: the embedded setup, nothing else to install.

DEBUG stays off unless DEBUG=1, so the portal shows its own Vietnamese error pages as citizens see them.
"""

from portal.settings.base import *  # noqa: F403

# Serve static files straight from the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG  # noqa: F405

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
