"""WSGI entry point, served by waitress (`kutubxona serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kutubxona.settings")
application = get_wsgi_application()
