"""Avatars: an upload is checked by its bytes (PNG, JPEG or WebP magic, at most 2 MB, a sane size),
made a 256×256 WebP with Pillow, and kept in a blob store under ``avatar-<user>-<version>``.

The store is an interface: the data folder in the embedded mode (``FileStore``), a table every
server process shares in the scaled mode (``DatabaseStore``); an object store can take its place
(decision 016). A new upload is a new version, so its URL can be cached for ever.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Protocol

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import delete
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models.profiles import Profile, ProfileBlob
from resolvers.clock import Clock
from resolvers.errors import DomainError
from resolvers.profiles.common import ERRORS

__all__ = [
    "ERRORS",
    "MAX_BYTES",
    "SIDE",
    "BlobStore",
    "DatabaseStore",
    "FileStore",
    "key_of",
    "prepare",
    "set_avatar",
]

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 40_000_000
SIDE = 256
CONTENT_TYPE = "image/webp"
KEY = re.compile(r"^avatar-\d+-\d+$")
FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WEBP"}


class BlobStore(Protocol):
    async def put(self, key: str, data: bytes) -> None: ...

    async def get(self, key: str) -> bytes | None: ...

    async def delete(self, key: str) -> None: ...


class FileStore:
    """Blobs as files of one folder (``<data>/avatars``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        if not KEY.match(key):
            raise ValueError(key)
        return self.folder / f"{key}.webp"

    async def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(path)

    async def get(self, key: str) -> bytes | None:
        path = self._path(key)
        return path.read_bytes() if path.exists() else None

    async def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class DatabaseStore:
    """Blobs as rows of ``profile_blobs``, which every server process of the scaled mode reads."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def put(self, key: str, data: bytes) -> None:
        async with self.db.transaction() as session:
            await session.execute(delete(ProfileBlob).where(col(ProfileBlob.key) == key))
            session.add(ProfileBlob(key=key, content_type=CONTENT_TYPE, data=data))

    async def get(self, key: str) -> bytes | None:
        async with self.db.reader() as session:
            row = await session.get(ProfileBlob, key)
        return bytes(row.data) if row is not None else None

    async def delete(self, key: str) -> None:
        async with self.db.transaction() as session:
            await session.execute(delete(ProfileBlob).where(col(ProfileBlob.key) == key))


def key_of(user_id: int, version: int) -> str:
    return f"avatar-{user_id}-{version}"


def _kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def prepare(data: bytes) -> bytes:
    """The upload as a 256×256 WebP, or AVATAR_TOO_LARGE / AVATAR_BAD_TYPE / AVATAR_UNREADABLE."""
    if len(data) > MAX_BYTES:
        raise DomainError("AVATAR_TOO_LARGE", "An avatar is at most 2 MB.", "file")
    kind = _kind(data)
    if kind is None:
        raise DomainError("AVATAR_BAD_TYPE", "An avatar must be a PNG, JPEG or WebP image.", "file")
    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise DomainError("AVATAR_UNREADABLE", "This image has too many pixels.", "file")
            probe.verify()
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            converted = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
            square = ImageOps.fit(converted, (SIDE, SIDE), method=Image.Resampling.LANCZOS)
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise DomainError("AVATAR_UNREADABLE", "This image could not be read.", "file") from None
    out = io.BytesIO()
    square.save(out, format="WEBP", quality=85)
    return out.getvalue()


async def next_version(session: AsyncSession, user_id: int) -> int:
    row = await session.get(Profile, user_id)
    return (row.avatar_version if row is not None else 0) + 1


async def set_avatar(session: AsyncSession, *, actor_id: int, version: int, clock: Clock) -> int:
    """Points the profile at a stored version; returns the version no longer shown (0 for none),
    which is the given one when a concurrent upload already took a newer version."""
    row = await session.get(Profile, actor_id, with_for_update=True)
    if row is None:
        row = Profile(user_id=actor_id, links=[])
        session.add(row)
    if version <= row.avatar_version:
        return version
    old, row.avatar_version = row.avatar_version, version
    row.updated_at = clock.now()
    await session.flush()
    return old
