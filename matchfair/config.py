"""Default settings.

Overridden, in this order, by instance/config.py and by MATCHFAIR_* environment variables
(MATCHFAIR_SECRET_KEY, MATCHFAIR_DATABASE_URL, MATCHFAIR_MAIL_SERVER, MATCHFAIR_REDIS_URL...).
"""

DEFAULT_SECRET_KEY = "dev-only-insecure-secret-change-me"


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
    EVENT_NAME = "Rencontres d'affaires de l'ESS et de l'achat public responsable"

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

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 30 * 24 * 3600
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session


class ProductionOverrides:
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
