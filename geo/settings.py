"""Settings for Sociale Kaart, read from the environment (one module, typed helpers).

`DJANGO_PRODUCTION=1` switches to production mode: DEBUG off, a real SECRET_KEY required,
HTTPS-only cookies and HSTS. `manage.py check --deploy` is clean in that mode.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    """Read a setting; `NAME_FILE` pointing at a file (a Docker/systemd secret) wins."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("DJANGO_PRODUCTION", False)
DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-8c1f7a0e2b"  # refused in production mode
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set to 50+ random characters")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Where the real open data lives (see ../shared/data/SOURCES.md). Importers say clearly when it is absent.
SHARED_DATA_DIR = Path(env_str("SOCIALE_KAART_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))

# Storage CRS: Belgian Lambert 72. A system check refuses a non-metric one (geo/checks.py).
STORAGE_SRID = env_int("SOCIALE_KAART_STORAGE_SRID", 31370)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "gisserver",
    "geo.apps.GeoConfig",
    "geo.areas",
    "geo.directory",
    "geo.geocoding",
    "geo.coverage",
    "importers",
    "layers",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if PRODUCTION:
    # Static files straight from the app server (compressed, cache-busted); runserver serves them in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "geo.urls"
WSGI_APPLICATION = "geo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", "postgis://sociale_kaart:sociale_kaart@127.0.0.1:5432/sociale_kaart")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
# JIT compilation costs 50-1,200 ms per statement and our spatial queries are short: it only ever lost in
# bench/api.py and bench/coverage.py (docs/performance.md).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Parallel test runs on one machine each need their own test database.
if env_str("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
if DATABASES["default"]["ENGINE"] != "django.contrib.gis.db.backends.postgis":
    raise ImproperlyConfigured("DATABASE_URL must use the postgis:// scheme (PostgreSQL + PostGIS)")

# GDAL 3.6 cannot block file/network access from a spatial reference (gis.W001). We never hand GDAL an
# SRS we did not choose: user input goes through geo.spatial.parse_srid and its allow-list.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "frontend" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# The admin map widget draws this XYZ raster base map when set (e.g. an OSM tile server you are allowed
# to use). Empty: the widget works offline and shows the municipality boundaries instead.
BASEMAP_TILE_URL = env_str("SOCIALE_KAART_BASEMAP_TILE_URL", "")
BASEMAP_ATTRIBUTION = env_str("SOCIALE_KAART_BASEMAP_ATTRIBUTION", "")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sociale Kaart API",
    "DESCRIPTION": "Welzijns- en gezondheidsvoorzieningen: zoeken, wie bedient dit adres, dichtstbij.",
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# --- Geocoding ---
# The local address register always answers first. Online providers (geopy) are asked after it, in this
# order, only when named here: off by default, so the demo and the tests never leave the machine.
# Choices: nominatim, photon, pelias — point each at a server whose usage policy you follow.
GEOCODING_ONLINE_PROVIDERS = env_list("SOCIALE_KAART_GEOCODING_ONLINE", "")
GEOCODING_NOMINATIM_URL = env_str("SOCIALE_KAART_NOMINATIM_URL", "https://nominatim.openstreetmap.org")
GEOCODING_PHOTON_URL = env_str("SOCIALE_KAART_PHOTON_URL", "https://photon.komoot.io")
GEOCODING_PELIAS_URL = env_str("SOCIALE_KAART_PELIAS_URL", "")
GEOCODING_PELIAS_API_KEY = env_str("SOCIALE_KAART_PELIAS_API_KEY", "")
GEOCODING_USER_AGENT = env_str("SOCIALE_KAART_GEOCODING_USER_AGENT", "sociale-kaart/0.1 (geocoding batch)")
GEOCODING_TIMEOUT_SECONDS = env_int("SOCIALE_KAART_GEOCODING_TIMEOUT", 10)
# geopy's RateLimiter: at least this long between two requests (Nominatim's public policy: 1 per second),
# this many retries after an error, this long to wait before a retry.
GEOCODING_MIN_DELAY_MS = env_int("SOCIALE_KAART_GEOCODING_MIN_DELAY_MS", 1000)
GEOCODING_MAX_RETRIES = env_int("SOCIALE_KAART_GEOCODING_MAX_RETRIES", 1)
GEOCODING_ERROR_WAIT_SECONDS = env_int("SOCIALE_KAART_GEOCODING_ERROR_WAIT", 5)
# Online answers are cached this many days; local answers are never cached (the register changes).
GEOCODING_CACHE_DAYS = env_int("SOCIALE_KAART_GEOCODING_CACHE_DAYS", 90)
# A map click snaps to the nearest register address within this distance; further away it names the area.
GEOCODING_REVERSE_MAX_DISTANCE_M = env_int("SOCIALE_KAART_GEOCODING_REVERSE_MAX_DISTANCE_M", 100)

# --- Frontend ---
# The map page draws its own offline base map (our boundaries, /basemap/style.json) unless this names a
# MapLibre style URL you are allowed to use (e.g. a self-hosted OpenMapTiles style); the rubric layers are
# drawn on top of either. The external style carries its own attribution.
FRONTEND_BASEMAP_STYLE_URL = env_str("SOCIALE_KAART_BASEMAP_STYLE_URL", "")

# --- Planning ---
# The planners' view (coverage per unit, distances, what-if; docs/planning.md): public, or signed-in staff
# only when this is off.
PLANNING_PUBLIC = env_bool("SOCIALE_KAART_PLANNING_PUBLIC", True)
