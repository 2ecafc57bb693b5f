"""Process settings, read once from ``LUCAS_*`` environment variables.

Economy numbers (fees, coefficients, limits of the shop) are not settings: they live in
configuration rows that admins edit. Settings only choose the parts the process runs on.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path


class SettingsError(ValueError):
    """A setting that refuses to start the process (the message says which and why)."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() not in {"0", "off", "false", "no"}


def _secret_key(data_dir: Path) -> str:
    """The embedded default keeps a generated key in the data folder so tokens survive restarts."""
    path = data_dir / "secret.key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


@dataclass(frozen=True, kw_only=True)
class Settings:
    data_dir: Path
    database_url: str
    redis_url: str | None
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str
    rate_limits: bool = True
    rate_limit_user: str = "300/minute"
    rate_limit_anonymous: str = "120/minute"
    rate_limit_api_key: str = "600/minute"
    introspection: bool = True
    graphiql: bool = True
    debug_errors: bool = False
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    max_query_depth: int = 12
    max_query_tokens: int = 2000
    max_aliases: int = 30
    max_query_cost: int = 5000
    cors_origins: tuple[str, ...] = ()
    frontend_dir: Path | None = None
    in_process_workers: bool = True
    telegram_token: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_service_key: str = ""
    public_url: str = ""
    max_body_bytes: int = 1 << 20
    max_fragment_spreads: int = 200
    trusted_proxies: tuple[str, ...] = ()
    metrics_token: str | None = None
    metrics_public: bool = False
    ws_connections_per_user: int = 3
    ws_connections_per_ip: int = 30
    ws_operations_per_connection: str = "120/minute"
    ws_recheck_seconds: float = 30.0
    clock_mode: str = "system"
    job_modules: tuple[str, ...] = ()
    backup_dir: Path | None = None
    backup_interval_hours: float = 24.0
    backup_keep: int = 7
    backup_keep_days: int = 30
    pg_bin: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def embedded(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgresql")


def _proxies(raw: str) -> tuple[str, ...]:
    """``LUCAS_TRUSTED_PROXIES``: the peers whose X-Forwarded-For is believed (addresses or networks)."""
    from server.security import parse_networks

    try:
        return parse_networks(raw)
    except ValueError as exc:
        raise SettingsError(f"LUCAS_TRUSTED_PROXIES: {exc}") from None


def derive_key(secret_key: str, purpose: str) -> str:
    return hmac.new(secret_key.encode(), purpose.encode(), hashlib.sha256).hexdigest()


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("LUCAS_DATA_DIR") or "data").resolve()
    database_url = env.get("LUCAS_DATABASE_URL") or f"sqlite+aiosqlite:///{data_dir / 'lucas.sqlite3'}"
    secret_key = env.get("LUCAS_SECRET_KEY") or _secret_key(data_dir)
    frontend_env = env.get("LUCAS_FRONTEND_DIR")
    frontend_dir = (
        Path(frontend_env) if frontend_env else Path(__file__).resolve().parent.parent / "frontend" / "dist"
    )
    production = env.get("LUCAS_ENV", "").lower() == "production"
    clock_mode = (env.get("LUCAS_CLOCK") or "system").strip().lower()
    if clock_mode not in ("system", "manual"):
        raise SettingsError(f"LUCAS_CLOCK must be system or manual, not {clock_mode!r}.")
    if clock_mode == "manual" and production:
        raise SettingsError(
            "LUCAS_CLOCK=manual is refused with LUCAS_ENV=production: a movable clock is for tests only."
        )
    origins = tuple(o.strip() for o in env.get("LUCAS_CORS_ORIGINS", "").split(",") if o.strip())
    service_key = (
        env.get("LUCAS_TELEGRAM_SERVICE_KEY") or "lsk_tg_" + derive_key(secret_key, "telegram-bot")[:40]
    )
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        redis_url=env.get("LUCAS_REDIS_URL") or None,
        host=env.get("LUCAS_HOST") or "127.0.0.1",
        port=int(env.get("LUCAS_PORT") or 8000),
        secret_key=secret_key,
        rate_limits=_flag(env.get("LUCAS_RATE_LIMITS"), True),
        rate_limit_user=env.get("LUCAS_RATE_LIMIT_USER") or "300/minute",
        rate_limit_anonymous=env.get("LUCAS_RATE_LIMIT_ANONYMOUS") or "120/minute",
        rate_limit_api_key=env.get("LUCAS_RATE_LIMIT_API_KEY") or "600/minute",
        introspection=_flag(env.get("LUCAS_INTROSPECTION"), not production),
        graphiql=_flag(env.get("LUCAS_GRAPHIQL"), not production),
        debug_errors=_flag(env.get("LUCAS_DEBUG_ERRORS"), False),
        cors_origins=origins,
        frontend_dir=frontend_dir,
        in_process_workers=_flag(env.get("LUCAS_IN_PROCESS_WORKERS"), not env.get("LUCAS_REDIS_URL")),
        telegram_token=env.get("LUCAS_TELEGRAM_TOKEN") or None,
        telegram_webhook_secret=env.get("LUCAS_TELEGRAM_WEBHOOK_SECRET") or None,
        telegram_api_url=env.get("LUCAS_TELEGRAM_API_URL") or "https://api.telegram.org/bot",
        telegram_service_key=service_key,
        public_url=env.get("LUCAS_PUBLIC_URL") or "",
        max_body_bytes=int(env.get("LUCAS_MAX_BODY_BYTES") or 1 << 20),
        max_fragment_spreads=int(env.get("LUCAS_MAX_FRAGMENT_SPREADS") or 200),
        trusted_proxies=_proxies(env.get("LUCAS_TRUSTED_PROXIES") or ""),
        metrics_token=env.get("LUCAS_METRICS_TOKEN") or None,
        metrics_public=_flag(env.get("LUCAS_METRICS_PUBLIC"), False),
        ws_connections_per_user=int(env.get("LUCAS_WS_CONNECTIONS_PER_USER") or 3),
        ws_connections_per_ip=int(env.get("LUCAS_WS_CONNECTIONS_PER_IP") or 30),
        ws_operations_per_connection=env.get("LUCAS_WS_OPERATIONS_PER_CONNECTION") or "120/minute",
        ws_recheck_seconds=float(env.get("LUCAS_WS_RECHECK_SECONDS") or 30),
        clock_mode=clock_mode,
        job_modules=tuple(m.strip() for m in env.get("LUCAS_JOB_MODULES", "").split(",") if m.strip()),
        backup_dir=Path(env.get("LUCAS_BACKUP_DIR") or data_dir / "backups").resolve(),
        backup_interval_hours=float(env.get("LUCAS_BACKUP_INTERVAL_HOURS") or 24),
        backup_keep=int(env.get("LUCAS_BACKUP_KEEP") or 7),
        backup_keep_days=int(env.get("LUCAS_BACKUP_KEEP_DAYS") or 30),
        pg_bin=env.get("LUCAS_PG_BIN") or None,
    )
