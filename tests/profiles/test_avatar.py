"""Avatars: checked by their bytes, at most 2 MB, made 256×256, stored in the data folder (SQLite)
or the shared blob table (PostgreSQL), served with long caching; a bad upload changes nothing."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot

AVATAR = "query($u: String!) { profile(username: $u) { avatarUrl } }"


def image_bytes(kind: str, size: tuple[int, int] = (640, 400)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 90)).save(out, format=kind)
    return out.getvalue()


def noisy_png(min_bytes: int) -> bytes:
    side = 1024
    while True:
        out = io.BytesIO()
        Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="PNG")
        if len(out.getvalue()) > min_bytes:
            return out.getvalue()
        side *= 2


async def test_an_uploaded_avatar_is_resized_stored_and_served_with_caching(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        http = gql.http
        auth = {"authorization": f"Bearer {alice.token}"}
        for n, kind in enumerate(("PNG", "JPEG", "WEBP"), start=1):
            files = {"file": ("whatever.txt", image_bytes(kind), "application/octet-stream")}
            answer = await http.post("/avatar", files=files, headers=auth)
            assert answer.status_code == 200, answer.text
            url = answer.json()["avatarUrl"]
            assert url == f"/avatars/{alice.id}/{n}.webp"
            assert (await gql(AVATAR, {"u": "alice"}))["data"]["profile"]["avatarUrl"] == url
            served = await http.get(url)
            assert served.status_code == 200
            assert served.headers["content-type"] == "image/webp"
            assert "immutable" in served.headers["cache-control"]
            with Image.open(io.BytesIO(served.content)) as shown:
                assert (shown.format, shown.size) == ("WEBP", (256, 256))
        # the replaced versions are gone; the blob lives where the mode keeps it
        assert (await http.get(f"/avatars/{alice.id}/1.webp")).status_code == 404
        again = await http.get(url, headers={"if-none-match": served.headers["etag"]})
        assert again.status_code == 304
        folder = settings.data_dir / "avatars"
        if settings.embedded:
            assert sorted(p.name for p in folder.iterdir()) == [f"avatar-{alice.id}-3.webp"]
        else:
            assert not folder.exists()
            before = await snapshot(db)
            assert before["profile_blobs"] and len(before["profile_blobs"]) == 1


BAD = [
    ("text", b"hello, I am not an image", "AVATAR_BAD_TYPE", 400),
    ("gif", b"GIF89a" + b"\x00" * 40, "AVATAR_BAD_TYPE", 400),
    ("truncated png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "AVATAR_UNREADABLE", 400),
]


@pytest.mark.parametrize(("what", "data", "code", "status"), BAD, ids=[b[0] for b in BAD])
async def test_a_bad_upload_is_refused_with_its_code_and_changes_nothing(
    settings: Settings, what: str, data: bytes, code: str, status: int
) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        before = await snapshot(db)
        files = {"file": ("avatar.png", data, "image/png")}
        answer = await gql.http.post(
            "/avatar", files=files, headers={"authorization": f"Bearer {alice.token}"}
        )
        assert answer.status_code == status
        assert [e["code"] for e in answer.json()["errors"]] == [code]
        assert changed(before, await snapshot(db)) == {}
        assert not (settings.data_dir / "avatars").exists()


async def test_an_upload_over_two_megabytes_or_without_a_token_is_refused(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        before = await snapshot(db)
        big = noisy_png(2 * 1024 * 1024 + 1)
        answer = await gql.http.post(
            "/avatar",
            files={"file": ("a.png", big, "image/png")},
            headers={"authorization": f"Bearer {alice.token}"},
        )
        assert (answer.status_code, answer.json()["errors"][0]["code"]) == (413, "AVATAR_TOO_LARGE")
        anonymous = await gql.http.post("/avatar", files={"file": ("a.png", image_bytes("PNG"), "image/png")})
        assert (anonymous.status_code, anonymous.json()["errors"][0]["code"]) == (401, "UNAUTHENTICATED")
        assert changed(before, await snapshot(db)) == {}
