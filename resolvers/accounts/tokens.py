"""Access tokens (short-lived JWT, HS256) and opaque secrets (refresh tokens, API keys)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey
from joserfc.jwt import JWTClaimsRegistry


class InvalidToken(Exception):
    pass


@lru_cache(maxsize=8)
def _key(secret: str) -> OctKey:
    return OctKey.import_key(hashlib.sha256(("access:" + secret).encode()).digest())


def issue_access_token(*, secret: str, user_id: int, now: datetime, minutes: int) -> str:
    claims = {
        "sub": str(user_id),
        "typ": "access",
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=minutes)).timestamp()),
    }
    return jwt.encode({"alg": "HS256"}, claims, _key(secret))


def read_access_token(token: str, *, secret: str, now: datetime) -> int:
    try:
        decoded = jwt.decode(token, _key(secret), algorithms=["HS256"])
        JWTClaimsRegistry(
            now=int(now.timestamp()), exp={"essential": True}, sub={"essential": True}
        ).validate(decoded.claims)
    except (JoseError, ValueError, TypeError) as exc:
        raise InvalidToken(str(exc)) from None
    if decoded.claims.get("typ") != "access":
        raise InvalidToken("not an access token")
    try:
        return int(decoded.claims["sub"])
    except (KeyError, ValueError):
        raise InvalidToken("bad subject") from None


def new_secret(prefix: str, nbytes: int = 32) -> str:
    return f"{prefix}{secrets.token_urlsafe(nbytes)}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def access_token_expiry(token: str, *, secret: str) -> datetime | None:
    """When a genuine access token expires (whether or not it has); None for anything else."""
    try:
        decoded = jwt.decode(token, _key(secret), algorithms=["HS256"])
        return datetime.fromtimestamp(int(decoded.claims["exp"]), tz=UTC)
    except (JoseError, ValueError, TypeError, KeyError):
        return None
