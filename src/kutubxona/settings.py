"""Settings, read from environment variables only (see docs/configuration.md).

Every value has a safe default so that `make run` works on a fresh machine: SQLite in the
data folder, a secret key generated there on first run, DEBUG off.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("KUTUBXONA_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """The key from the environment, else the one kept in the data folder (made on first run)."""
    if key := os.environ.get("KUTUBXONA_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("KUTUBXONA_DEBUG")
ALLOWED_HOSTS = env_list("KUTUBXONA_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("KUTUBXONA_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "kutubxona.core",
    "kutubxona.institutions",
    "kutubxona.planning",
    "kutubxona.catalog",
    "kutubxona.search",
    "kutubxona.events",
    "kutubxona.hr",
    "kutubxona.documents",
    "kutubxona.methodology",
    "kutubxona.surveys",
    "kutubxona.outreach",
    "kutubxona.services",
    "kutubxona.opac",
    "kutubxona.acquisitions",
    "kutubxona.readers",  # after acquisitions: the desk's demo lends the copies received
    "kutubxona.circulation",
    "kutubxona.attendance",
    "kutubxona.interlibrary",
    "kutubxona.elibrary",
    "kutubxona.digitization",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: the user's own language wins over cookie and browser.
    "kutubxona.core.middleware.UserLanguageMiddleware",
    # After authentication: every request runs inside the user's institution scope.
    "kutubxona.core.middleware.TenancyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "kutubxona.readers.session.ReaderSessionMiddleware",
]

ROOT_URLCONF = "kutubxona.urls"
WSGI_APPLICATION = "kutubxona.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kutubxona.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'kutubxona.sqlite3'}"),
        conn_max_age=int(os.environ.get("KUTUBXONA_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept (per server thread) as on PostgreSQL: opening one, with its
    # pragmas, cost the lending desk a fifth of its throughput (docs/decisions-circulation.md).
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue (busy timeout) instead of failing with "database is locked".
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and login ------------------------------------------------------------------------
AUTH_USER_MODEL = "institutions.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 60 * 60 * 12  # one working day
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one user name from one
# address, that pair waits AXES_COOLOFF_TIME (hours) before it may try again.
AXES_FAILURE_LIMIT = int(os.environ.get("KUTUBXONA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("KUTUBXONA_LOGIN_COOLOFF_MINUTES", "10")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kutubxona.core.views.auth.locked_out"
AXES_VERBOSE = False

# --- Languages ------------------------------------------------------------------------------
# "uz" is Uzbek in the Latin script (the first language); "uz-cyrl" is Uzbek in Cyrillic.
LANG_INFO["uz-cyrl"] = {
    "bidi": False,
    "code": "uz-cyrl",
    "name": "Uzbek (Cyrillic)",
    "name_local": "Ўзбекча",
}
LANGUAGE_CODE = "uz"
LANGUAGES = [
    ("uz", _("Uzbek (Latin)")),
    ("uz-cyrl", _("Uzbek (Cyrillic)")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("KUTUBXONA_TIME_ZONE", "Asia/Tashkent")
USE_TZ = True

# Real MARC files for tests and benchmarks (../shared/data/marc beside the project).
KUTUBXONA_MARC_SAMPLES = Path(
    os.environ.get("KUTUBXONA_MARC_SAMPLES", BASE_DIR.parents[2] / "shared" / "data" / "marc")
)

# Remote delivery: a download link works this many days after the copy is ready and paid;
# an uploaded electronic copy may be this large.
KUTUBXONA_DELIVERY_LINK_DAYS = int(os.environ.get("KUTUBXONA_DELIVERY_LINK_DAYS", "7"))
KUTUBXONA_DELIVERY_MAX_MB = int(os.environ.get("KUTUBXONA_DELIVERY_MAX_MB", "50"))

# The public address printed under QR codes (short links `/q/<code>`), e.g. https://akm.uz;
# empty: the address the poster was downloaded from.
KUTUBXONA_PUBLIC_URL = os.environ.get("KUTUBXONA_PUBLIC_URL", "").rstrip("/")
# The address of a reverse proxy in front of `kutubxona serve` (e.g. 127.0.0.1 for nginx on the
# same machine). Only then are its X-Forwarded-For/-Proto/-Host believed, so that the reader's
# own address reaches login throttling and "in the library only" (not the proxy's).
KUTUBXONA_TRUSTED_PROXY = os.environ.get("KUTUBXONA_TRUSTED_PROXY", "").strip()

# --- Static files ---------------------------------------------------------------------------
# Served by WhiteNoise from the app process: libraries often work on a closed LAN, no CDN.
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at start-up when it is missing
MEDIA_ROOT = DATA_DIR / "media"
# The largest full-text file (PDF, EPUB, image) a record may get, in megabytes.
KUTUBXONA_FULLTEXT_MAX_BYTES = int(os.environ.get("KUTUBXONA_FULLTEXT_MAX_MB", "100")) * 1024 * 1024
MEDIA_URL = "media/"
# Uploaded MARC files (MEDIA_ROOT/imports) are deleted this many days after their import is done
# (the daily job, or `kutubxona sweep-imports`); an unfinished import's file is kept to resume.
KUTUBXONA_IMPORT_FILES_DAYS = min(max(int(os.environ.get("KUTUBXONA_IMPORT_FILES_DAYS", "30")), 0), 36500)
# Digitisation: the Tesseract command (OCR is off when it is not found), the threads one OCR
# run may use, and the largest scan upload in megabytes. OCR_THREADS: keep 1 (it leaves the
# other core to the web; on 2 cores 2 threads was slower than 1: bench/bench_ocr.py).
KUTUBXONA_TESSERACT = os.environ.get("KUTUBXONA_TESSERACT", "tesseract")
KUTUBXONA_OCR_THREADS = int(os.environ.get("KUTUBXONA_OCR_THREADS", "1"))
KUTUBXONA_SCAN_MAX_MB = int(os.environ.get("KUTUBXONA_SCAN_MAX_MB", "500"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KUTUBXONA_LOG_LEVEL", "WARNING")},
}

# --- Readers and the lending desk -------------------------------------------------------------
# Readers inactive this many years are anonymised (`kutubxona anonymise-readers`).
KUTUBXONA_READERS_ANONYMISE_AFTER_YEARS = int(os.environ.get("KUTUBXONA_READERS_ANONYMISE_AFTER_YEARS", "3"))
# Notice senders tried in order (circulation/notify.py); the SMS one logs until a provider is set.
KUTUBXONA_NOTICE_SENDERS = [
    "kutubxona.circulation.notify.EmailSender",
    "kutubxona.circulation.notify.SmsSender",
]
