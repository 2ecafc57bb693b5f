"""Social links: a handle or an https URL on the site's own hosts, nothing else."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from resolvers.errors import DomainError
from resolvers.profiles.common import ERRORS

__all__ = ["ERRORS", "MAX_LINKS", "SITES", "check"]

MAX_LINKS = 5
MAX_URL = 200
HANDLE = re.compile(r"^@?([A-Za-z0-9_][A-Za-z0-9_.-]{1,38})$")
# site: (the hosts its URLs may use, the URL of a handle)
SITES: dict[str, tuple[tuple[str, ...], str]] = {
    "GITHUB": (("github.com",), "https://github.com/{}"),
    "GITLAB": (("gitlab.com",), "https://gitlab.com/{}"),
    "TELEGRAM": (("t.me", "telegram.me"), "https://t.me/{}"),
    "X": (("x.com", "twitter.com"), "https://x.com/{}"),
    "YOUTUBE": (("youtube.com", "www.youtube.com"), "https://www.youtube.com/@{}"),
    "TWITCH": (("twitch.tv", "www.twitch.tv"), "https://www.twitch.tv/{}"),
    "VK": (("vk.com",), "https://vk.com/{}"),
    "STEAM": (("steamcommunity.com",), "https://steamcommunity.com/id/{}"),
}


def _one(index: int, site: str, value: str) -> dict[str, Any]:
    field = f"links.{index}"
    if site not in SITES:
        raise DomainError("INVALID_LINK", f"Links may point to {', '.join(sorted(SITES))} only.", field)
    hosts, template = SITES[site]
    text = (value or "").strip()
    handle = HANDLE.match(text)
    if handle is not None:
        return {"site": site, "url": template.format(handle.group(1)), "handle": handle.group(1)}
    if len(text) > MAX_URL or any(c.isspace() or ord(c) < 32 for c in text):
        raise DomainError("INVALID_LINK", "Give a handle or an https link of at most 200 characters.", field)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise DomainError("INVALID_LINK", "This is not a link.", field) from None
    if parts.scheme != "https" or parts.username or parts.password or port not in (None, 443):
        raise DomainError("INVALID_LINK", "Links must be plain https:// addresses.", field)
    if (parts.hostname or "").lower() not in hosts:
        raise DomainError("INVALID_LINK", f"A {site} link must be on {' or '.join(hosts)}.", field)
    return {"site": site, "url": text, "handle": None}


def check(links: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The links as stored ({site, url, handle}), or INVALID_LINK / TOO_MANY_LINKS."""
    if len(links) > MAX_LINKS:
        raise DomainError("TOO_MANY_LINKS", f"At most {MAX_LINKS} links.", "links")
    out = [_one(n, site, value) for n, (site, value) in enumerate(links)]
    urls = [link["url"].lower() for link in out]
    if len(set(urls)) != len(urls):
        raise DomainError("INVALID_LINK", "Each link may be listed once.", "links")
    return out
