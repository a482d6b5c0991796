from django.conf import settings
from django.http import HttpRequest

from kutubxona.core.modules import modules_for

# Each language named in itself, so a reader who does not read the current one finds theirs.
NATIVE_NAMES = {"uz": "Oʻzbekcha", "uz-cyrl": "Ўзбекча", "ru": "Русский", "en": "English"}


def navigation(request: HttpRequest) -> dict[str, object]:
    """The modules the user may open, for the top navigation, and the language list."""
    perms: frozenset[str] = getattr(request.user, "permissions", frozenset())
    return {
        "nav_modules": [m for m in modules_for(perms) if m.url_name],
        "interface_languages_native": [
            (code, NATIVE_NAMES.get(code, code)) for code, _ in settings.LANGUAGES
        ],
    }
