"""``POST /auth/refresh`` and ``POST /auth/logout``: the web app's refresh token lives in the
HttpOnly cookie set at sign-in (see ``schema/core/refresh_cookie.py``).

CSRF: the cookie is SameSite=Strict and scoped to ``/auth``; each request must also carry the
header ``X-Lucas-CSRF: 1`` (a cross-site form cannot set it, and a cross-origin script needs a CORS
preflight that only ``LUCAS_CORS_ORIGINS`` pass), and an ``Origin``, when sent, must be this site or
one of those origins. A refused or invalid refresh clears the cookie.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from resolvers.accounts import auth
from resolvers.errors import DomainError
from schema.core.mutations import in_transaction
from schema.core.refresh_cookie import COOKIE, CSRF_HEADER, clear_refresh_cookie, set_refresh_cookie


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status_code=status, media_type="application/json")


def _error(status: int, code: str, message: str) -> Response:
    return _json({"errors": [{"message": message, "extensions": {"code": code}}]}, status)


def _csrf_refusal(request: Request) -> Response | None:
    if request.headers.get(CSRF_HEADER) != "1":
        return _error(403, "CSRF", f"Send the header {CSRF_HEADER}: 1.")
    origin = request.headers.get("origin")
    if origin is not None:
        own = f"{request.url.scheme}://{request.url.netloc}"
        allowed = set(request.app.state.settings.cors_origins) | {own}
        if origin not in allowed:
            return _error(403, "CSRF", "This origin may not use the session cookie.")
    return None


async def refresh(request: Request) -> Response:
    refused = _csrf_refusal(request)
    if refused is not None:
        return refused
    services = request.app.state.services
    token = request.cookies.get(COOKIE)
    if not token:
        return _error(401, "INVALID_TOKEN", "There is no session cookie; sign in.")
    policy = services.token_policy
    try:
        pair = await in_transaction(
            services, lambda s: auth.refresh(s, refresh_token=token, policy=policy, clock=services.clock)
        )
    except DomainError as exc:
        response = _error(401, "INVALID_TOKEN", exc.message)
        clear_refresh_cookie(response, request)
        return response
    response = _json(
        {"accessToken": pair.access_token, "user": {"id": str(pair.user.id), "username": pair.user.username}}
    )
    set_refresh_cookie(response, request, pair.refresh_token, max_age=policy.refresh_days * 86400)
    return response


async def logout(request: Request) -> Response:
    refused = _csrf_refusal(request)
    if refused is not None:
        return refused
    services = request.app.state.services
    token = request.cookies.get(COOKIE)
    if token:
        try:
            await in_transaction(
                services, lambda s: auth.logout(s, refresh_token=token, clock=services.clock)
            )
        except DomainError:
            pass  # an unknown or revoked token: signing out is done either way
    response = _json({"ok": True})
    clear_refresh_cookie(response, request)
    return response
