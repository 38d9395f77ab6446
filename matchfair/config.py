"""Default settings.

Overridden, in this order, by instance/config.py and by MATCHFAIR_* environment variables
(MATCHFAIR_SECRET_KEY, MATCHFAIR_DATABASE_URL, MATCHFAIR_MAIL_SERVER, MATCHFAIR_REDIS_URL...).
"""

DEFAULT_SECRET_KEY = "dev-only-insecure-secret-change-me"


def N_(message: str) -> str:
    """Mark a setting's text for the translation catalogue; it is translated where it is shown."""
    return message


class DefaultConfig:
    # "development" or "production"; production refuses the default secret key.
    ENVIRONMENT = "development"
    SECRET_KEY = DEFAULT_SECRET_KEY

    # Database: SQLite in instance/ unless DATABASE_URL is given (see create_app).
    DATABASE_URL = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Apply the migrations when the application starts (creates the SQLite database on first run).
    AUTO_MIGRATE = True

    # Name shown in the header until events exist.
    SITE_NAME = "Matchfair"
    # The default is translated when shown; a name set by the deployer is shown as given.
    EVENT_NAME = N_("Rencontres d'affaires de l'ESS et de l'achat public responsable")

    # Languages: French first.
    LANGUAGES = ("fr", "en")
    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"

    # E-mail: printed to the log unless MAIL_SERVER is set (then SMTP).
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USE_SSL = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "Matchfair <no-reply@matchfair.local>"

    # Rate limits and caches: in process unless REDIS_URL is set.
    REDIS_URL = None
    LOGIN_ATTEMPTS_PER_ACCOUNT = 5
    LOGIN_ATTEMPTS_PER_ADDRESS = 20
    LOGIN_ATTEMPTS_WINDOW_MINUTES = 15

    PASSWORD_MIN_LENGTH = 10
    # Signed e-mail links (confirmation, reset, invitation), in seconds.
    CONFIRM_TOKEN_MAX_AGE = 7 * 24 * 3600
    RESET_TOKEN_MAX_AGE = 2 * 3600
    INVITATION_TOKEN_MAX_AGE = 14 * 24 * 3600

    LOGO_MAX_BYTES = 1024 * 1024
    MAX_CONTENT_LENGTH = 4 * 1024 * 1024
    PER_PAGE = 20

    # Thresholds under which a purchase may be awarded without publicity or competition, with
    # their dates of effect: (kind, euros excluding VAT, first day). See engine/thresholds.py.
    THRESHOLDS = (
        ("supplies_services", 40_000, "2020-01-01"),
        ("supplies_services", 60_000, "2026-04-01"),
        ("works", 40_000, "2020-01-01"),
        ("works", 100_000, "2026-01-01"),
        ("innovative", 100_000, "2019-01-01"),
    )

    # Suppliers scoring at least this (0-100) for a newly published need hear of it in their digest.
    MATCH_NOTICE_MIN_SCORE = 60
    # Base of the links in e-mails sent by commands (no request to take it from), e.g.
    # "https://salon.example.org"; None: http://127.0.0.1:5000.
    PUBLIC_URL = None

    # Domain of calendar UIDs ("session-12@<domain>"); None: PUBLIC_URL's host, else the request's.
    CALENDAR_UID_DOMAIN = None

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 30 * 24 * 3600
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session


class ProductionOverrides:
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
