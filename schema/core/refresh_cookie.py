"""The refresh token in an HttpOnly cookie, for the web app (script never sees it).

A client that sends ``X-Lucas-Refresh-Cookie: 1`` with ``authLogin`` or ``authRegister`` gets the
refresh token as the cookie ``lucas_refresh`` (HttpOnly, SameSite=Strict, Secure over TLS, path
``/auth``) and ``refreshToken: null`` in the payload. It then refreshes with ``POST /auth/refresh``
and signs out with ``POST /auth/logout`` (``server/refresh_cookie.py``), each with the header
``X-Lucas-CSRF: 1``. Without the header, tokens travel in the payload as before (the bot, scripts).
"""

from __future__ import annotations

from typing import Any

COOKIE = "lucas_refresh"
PATH = "/auth"
OPT_IN_HEADER = "x-lucas-refresh-cookie"
CSRF_HEADER = "x-lucas-csrf"


def wants_cookie(request: Any) -> bool:
    headers = getattr(request, "headers", None)
    return headers is not None and request.scope.get("type") == "http" and headers.get(OPT_IN_HEADER) == "1"


def set_refresh_cookie(response: Any, request: Any, token: str, *, max_age: int) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=max_age,
        path=PATH,
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="strict",
    )


def clear_refresh_cookie(response: Any, request: Any) -> None:
    response.delete_cookie(
        COOKIE, path=PATH, secure=request.url.scheme == "https", httponly=True, samesite="strict"
    )
