"""The web app is served at / with history-mode fallback, compressed, with the right caching."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from server.app import create_app
from tests.conftest import make_settings


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>LucasTeam</title>" + "<!-- pad -->" * 200)
    (root / "assets" / "index-abc123.js").write_text("console.log('app');" * 200)
    (root / "manifest.webmanifest").write_text('{"name": "LucasTeam"}')
    (root / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    return root


async def test_deep_links_assets_and_caching(tmp_path: Path, database_url: str, dist: Path) -> None:
    settings = make_settings(tmp_path, database_url)
    from dataclasses import replace

    app = create_app(replace(settings, frontend_dir=dist), migrate=False, start_workers=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http,
    ):
        for path in ("/", "/signup", "/admin/items", "/shop/42"):
            response = await http.get(path)
            assert response.status_code == 200, path
            assert "<title>LucasTeam</title>" in response.text
            assert response.headers["cache-control"] == "no-cache"
        asset = await http.get("/assets/index-abc123.js", headers={"accept-encoding": "gzip"})
        assert asset.status_code == 200
        assert asset.headers["content-encoding"] == "gzip"
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert (await http.get("/assets/missing.js")).status_code == 404
        assert (await http.get("/manifest.webmanifest")).json() == {"name": "LucasTeam"}
        assert (await http.get("/sw.js")).headers["cache-control"] == "no-cache"
        graphiql = await http.get("/graphql")
        assert graphiql.status_code == 200 and "graphiql" in graphiql.text.lower()


async def test_admins_may_list_items_taken_off_sale(app: Any, gql: Any) -> None:
    from tests.conftest import make_admin

    admin, _ = await make_admin(app, gql)
    player, _ = await gql.register("player")
    made = await gql(
        'mutation { adminItemCreate(input: {name: "Old", price: 1}) { item { id } } }', token=admin
    )
    item_id = made["data"]["adminItemCreate"]["item"]["id"]
    await gql(
        "mutation($id: ID!) { adminItemUpdate(input: {id: $id, active: false}) { errors { code } } }",
        {"id": item_id},
        token=admin,
    )
    query = "query($all: Boolean!) { shopItems(includeInactive: $all) { edges { node { id active } } } }"
    assert (await gql(query, {"all": False}, token=admin))["data"]["shopItems"]["edges"] == []
    assert (await gql(query, {"all": True}, token=admin))["data"]["shopItems"]["edges"] == [
        {"node": {"id": item_id, "active": False}}
    ]
    refused = await gql(query, {"all": True}, token=player, expect_errors=True)
    assert refused["data"] is None and refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
