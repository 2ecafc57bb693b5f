"""``POST /avatar`` (multipart, field ``file``, a bearer token): the signed-in player's new avatar;
``GET /avatars/<user>/<version>.webp``: an avatar, cached for a year (a new upload is a new URL).

The body is read up to the 2 MB limit (and a little for the multipart framing) before it is
parsed, so a larger upload is refused without being buffered whole."""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from resolvers.errors import DomainError
from resolvers.profiles import avatars
from schema.core.mutations import in_transaction
from server.auth import Unauthenticated, resolve_actor

FRAMING = 64 * 1024
CACHE = "public, max-age=31536000, immutable"


def store_for(request: Request) -> avatars.BlobStore:
    settings = request.app.state.settings
    if settings.embedded:
        return avatars.FileStore(settings.data_dir / "avatars")
    return avatars.DatabaseStore(request.app.state.services.db)


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status_code=status, media_type="application/json")


def _error(status: int, code: str, message: str, field: str | None = None) -> Response:
    return _json({"avatarUrl": None, "errors": [{"code": code, "field": field, "message": message}]}, status)


async def _body(request: Request, limit: int) -> bytes | None:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _replayed(request: Request, body: bytes) -> Request:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)


async def upload(request: Request) -> Response:
    services = request.app.state.services
    try:
        actor = await resolve_actor(services, request.headers, service_key="")
    except Unauthenticated as exc:
        return _error(401, "UNAUTHENTICATED", str(exc))
    if actor.user_id is None:
        return _error(401, "UNAUTHENTICATED", "Sign in first.")
    if not actor.may("write"):
        return _error(403, "FORBIDDEN", "This API key may not change anything (needs the write scope).")
    body = await _body(request, avatars.MAX_BYTES + FRAMING)
    if body is None:
        return _error(413, "AVATAR_TOO_LARGE", "An avatar is at most 2 MB.", "file")
    try:
        form = await _replayed(request, body).form(max_files=1, max_fields=4)
        given = form.get("file")
        if not isinstance(given, UploadFile):
            return _error(400, "AVATAR_BAD_TYPE", "Send the image as the multipart field 'file'.", "file")
        data = await given.read(avatars.MAX_BYTES + 1)
        await form.close()
    except Exception:
        return _error(400, "AVATAR_BAD_TYPE", "Send the image as multipart/form-data.", "file")
    try:
        image = avatars.prepare(data)
    except DomainError as exc:
        status = 413 if exc.code == "AVATAR_TOO_LARGE" else 400
        return _error(status, exc.code, exc.message, exc.field)
    store = store_for(request)
    user_id, clock = actor.user_id, services.clock
    version = await in_transaction(services, lambda s: avatars.next_version(s, user_id))
    await store.put(avatars.key_of(user_id, version), image)
    old = await in_transaction(
        services, lambda s: avatars.set_avatar(s, actor_id=user_id, version=version, clock=clock)
    )
    if old:
        await store.delete(avatars.key_of(user_id, old))
    shown = version if old != version else None
    url = f"/avatars/{user_id}/{shown}.webp" if shown else None
    return _json({"avatarUrl": url, "errors": []})


async def serve(request: Request) -> Response:
    user, version = request.path_params["user_id"], request.path_params["version"]
    data = await store_for(request).get(avatars.key_of(int(user), int(version)))
    if data is None:
        return Response("No such avatar.", status_code=404, media_type="text/plain")
    etag = f'"{user}-{version}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"etag": etag, "cache-control": CACHE})
    return Response(data, media_type=avatars.CONTENT_TYPE, headers={"cache-control": CACHE, "etag": etag})
