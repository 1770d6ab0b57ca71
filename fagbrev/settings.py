"""Settings for Fagbrev: one module, everything from the environment, strict at start-up.

Without any environment the app runs as the embedded default: SQLite, Celery tasks run eagerly,
console email. The production shape sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and
EMAIL_URL (see .env.example). A bad value stops start-up instead of being guessed around.
"""

import datetime
import sys
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("FAGBREV_TESTING", default="pytest" in sys.modules)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("SECRET_KEY må settes når DEBUG er av.")
    # Only for local development and tests; never used with DEBUG off.
    SECRET_KEY = "django-insecure-local-development-only-" + "x" * 20

# Rotation: put the old key here while the new one is SECRET_KEY (see SECURITY.md).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "fagbrev",
    "deltakere",
    "arbeidsgivere",
    "lop",
    "oppfolging",
    "moter",
    "rapporter",
    "paminnelser",
    "dokumenter",
    "medvirkning",
    "styring",
    "personvern",
    "minside",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "minside.sprak.SprakMiddleware",  # the participant's language, under /min-side/ only
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fagbrev.sikkerhet.OktFornyelseMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fagbrev.sikkerhet.ToFaktorMiddleware",
    "fagbrev.tilgang.TilgangsloggMiddleware",  # writes the access log for what a request showed
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "fagbrev.urls"
WSGI_APPLICATION = "fagbrev.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "fagbrev.context_processors.navigasjon",
                "fagbrev.sikkerhet.okt",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL's JIT compiler pays off for long analytical queries; ours are short (a page's queries take
# milliseconds), and on the dashboard's grouped counts it spent 0.9 s compiling for a 1.1 s query
# (docs/performance.md). Off for the app's connections unless DATABASE_JIT=true. The same can be set
# for the role instead: ALTER ROLE fagbrev SET jit = off (docs/deployment.md); behind PgBouncer in
# transaction mode, where startup options are not passed on, the role setting is the one that holds.
if DATABASES["default"]["ENGINE"].endswith("postgresql") and not env.bool("DATABASE_JIT", default=False):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery --------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
else:
    # Embedded default: no servers. Tasks run in-process when queued.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Oslo"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {}
# Status changes planned for a day (deltakere/services_status.py) take effect just after midnight,
# before anything else reads the day's statuses; the reminder scan runs the same step first.
CELERY_BEAT_SCHEDULE["deltakere-statusendringer-daglig"] = {
    "task": "deltakere.statusendringer_iverksett",
    "schedule": crontab(hour=0, minute=1),
}
# Reminders (paminnelser/): the daily scan and the coordinators' Monday overview, in Oslo time.
CELERY_BEAT_SCHEDULE["paminnelser-daglig-skann"] = {
    "task": "paminnelser.skann",
    # BEAT_SKANN_SEKUNDER (staging, the production smoke test): every N seconds instead of at 06:00
    "schedule": env.int("BEAT_SKANN_SEKUNDER", default=0) or crontab(hour=6, minute=0),
}
CELERY_BEAT_SCHEDULE["paminnelser-ukeoversikt-mandag"] = {
    "task": "paminnelser.ukesoppsummering",
    "schedule": crontab(hour=6, minute=30, day_of_week="mon"),
}
# Batch documents (dokumenter/): a job not started within BATCHJOBB_START_MINUTTER of being handed to
# the queue (a lost message, a broker that was down) is handed over again by the sweep, up to
# BATCHJOBB_MAKS_FORSOK times, then marked failed; a running job without progress for
# BATCHJOBB_STOPPET_MINUTTER (a worker that died) is marked failed. Failed jobs can be ordered again.
BATCHJOBB_START_MINUTTER = env.int("BATCHJOBB_START_MINUTTER", default=10)
BATCHJOBB_MAKS_FORSOK = env.int("BATCHJOBB_MAKS_FORSOK", default=3)
BATCHJOBB_STOPPET_MINUTTER = env.int("BATCHJOBB_STOPPET_MINUTTER", default=30)
if BATCHJOBB_START_MINUTTER < 1 or BATCHJOBB_MAKS_FORSOK < 1 or BATCHJOBB_STOPPET_MINUTTER < 1:
    raise ImproperlyConfigured("BATCHJOBB_START_MINUTTER, _MAKS_FORSOK og _STOPPET_MINUTTER må være minst 1.")
CELERY_BEAT_SCHEDULE["dokumenter-batchjobber-feie"] = {
    "task": "dokumenter.batchjobber_feie",
    "schedule": crontab(minute="*/5"),
}
# Retention (personvern/): anonymise closed cases whose retention time has run out, at night.
CELERY_BEAT_SCHEDULE["personvern-anonymiser-daglig"] = {
    "task": "personvern.anonymiser",
    "schedule": crontab(hour=2, minute=30),
}
# Outside people's phone and e-mail on a meeting's list, a year after the meeting (moter/services.py).
CELERY_BEAT_SCHEDULE["moter-eksterne-kontaktdata-daglig"] = {
    "task": "moter.eksterne_kontaktdata_slett",
    "schedule": crontab(hour=2, minute=40),
}
# The dashboard's pre-aggregated counts (rapporter/tellinger.py): triggers mark what a write touched, the
# minute run counts it (a reader counts what is still marked first). `rapporter.telling_bygg` counts all
# again from the rows (after a restore); it is not scheduled, as the triggers leave nothing to repair.
CELERY_BEAT_SCHEDULE["rapporter-telling-oppdater"] = {
    "task": "rapporter.telling_oppdater",
    "schedule": crontab(minute="*"),
}
# The placements in use per employer and period (rapporter/praksistall.py), kept the same way.
CELERY_BEAT_SCHEDULE["rapporter-praksistall-oppdater"] = {
    "task": "rapporter.praksistall_oppdater",
    "schedule": crontab(minute="*"),
}
# The stored next-visit dates (oppfolging/besoksdato.py), kept the same way.
CELERY_BEAT_SCHEDULE["oppfolging-frister-oppdater"] = {
    "task": "oppfolging.frister_oppdater",
    "schedule": crontab(minute="*"),
}
# Links in e-mails and calendar feeds need the address users reach the service on.
FAGBREV_BASE_URL = env.str("FAGBREV_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "fagbrev.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "oversikt"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# Inactivity timeout, not absolute: fagbrev.sikkerhet.OktFornyelseMiddleware moves the expiry forward on
# activity, at most every OKT_FORNY_SEKUNDER (saving on every request cost an UPDATE and a disk-flushing
# COMMIT per page view), so a session ends SESSION_COOKIE_AGE after the last request, or up to that much sooner.
SESSION_SAVE_EVERY_REQUEST = False
OKT_FORNY_SEKUNDER = env.int("OKT_FORNY_SEKUNDER", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# The deploy check fagbrev.E002 refuses a longer inactivity timeout than this.
OKT_MAKS_SEKUNDER = env.int("OKT_MAKS_SEKUNDER", default=60 * 60)
OKT_VARSEL_SEKUNDER = env.int("OKT_VARSEL_SEKUNDER", default=5 * 60)  # warning banner before logout

# Login throttling (django-axes): lock the username+IP pair after AXES_FAILURE_LIMIT failures for
# AXES_COOLOFF_TIME. Never lock by IP alone (a municipality shares one NAT address) nor for ever.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTTER", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "fagbrev.sikkerhet.innlogging_sperret"
AXES_CLIENT_IP_CALLABLE = "fagbrev.sikkerhet.klient_ip"
# Number of trusted reverse proxies in front of Django that append to X-Forwarded-For (0: none,
# use REMOTE_ADDR). Used for the login throttle and the access log.
PROXY_ANTALL = env.int("PROXY_ANTALL", default=0)

# Two-factor (django-otp, TOTP). Superusers and these roles must have a verified device; others may
# add one. TOTP_PAKREVD=false switches the requirement off for local development only (the deploy
# check fagbrev.E004 refuses it with DEBUG off).
OTP_REQUIRED_ROLES = env.list("OTP_REQUIRED_ROLES", default=["koordinator"])
TOTP_PAKREVD = env.bool("TOTP_PAKREVD", default=True)
OTP_TOTP_ISSUER = "Fagbrev"

# --- Language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["fagbrev.formats"]
# Only the participant's pages (minside) are translated; the staff interface stays bokmål.
LOCALE_PATHS = [BASE_DIR / "minside" / "locale"]

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded case documents live outside any publicly served folder; they are served only
# through views that check the access policy (MEDIA_URL is deliberately not routed).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media-ikke-offentlig/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
OPPLASTING_MAKS_BYTES = env.int("OPPLASTING_MAKS_BYTES", default=10 * 1024 * 1024)

# --- Email ----------------------------------------------------------------------------------
# EMAIL_URL (django-environ syntax: smtp+tls://user:pass@host:587, consolemail://) becomes MAILERS.
# Without EMAIL_URL: the console in development, a local MTA in production (Django's own default).
_epost = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG or TESTING else "smtp://localhost:25")
MAILERS = {"default": {"BACKEND": _epost["EMAIL_BACKEND"]}}
if _epost["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": _epost.get("EMAIL_HOST", "localhost"),
        "port": _epost.get("EMAIL_PORT") or 25,
        "username": _epost.get("EMAIL_HOST_USER", ""),
        "password": _epost.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": bool(_epost.get("EMAIL_USE_TLS")),
        "use_ssl": bool(_epost.get("EMAIL_USE_SSL")),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Fagbrev <ikke-svar@fagbrev.local>")

# --- Forms ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security -------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"maskering": {"()": "fagbrev.logging.MaskerFodselsnummer"}},
    "formatters": {"enkel": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "enkel", "filters": ["maskering"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes.apps": {"level": "WARNING"}},
}

# --- Demo -----------------------------------------------------------------------------------
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="fagbrev-demo")
