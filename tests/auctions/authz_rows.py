"""The authorization matrix's rows for the auctions fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, World, the_item


async def _auction_listed_by(world: World, seller: str) -> str:
    """A fresh auction of one Widget (bought first) by ``seller``, from 1 coin."""
    await world.must(
        seller,
        "mutation($id: ID!) { shopPurchase(input: {itemId: $id}) { quantity } }",
        await the_item(world, seller),
    )
    data = await world.must(
        seller,
        "mutation($id: ID!) { auctionCreate(input: {itemId: $id, startPrice: 1, durationDays: 1}) { auction { id } } }",
        {"id": str(world.item_id)},
    )
    return str(data["auctionCreate"]["auction"]["id"])


async def auction_own_widget(world: World, actor: str) -> dict[str, Any]:
    await world.must(
        world.owner(actor),
        "mutation($id: ID!) { shopPurchase(input: {itemId: $id}) { quantity } }",
        await the_item(world, actor),
    )
    return {"id": str(world.item_id)}


async def auction_of_another(world: World, actor: str) -> dict[str, Any]:
    return {"id": await _auction_listed_by(world, "moderator" if world.owner(actor) == "admin" else "admin")}


async def auction_own(world: World, actor: str) -> dict[str, Any]:
    return {"id": await _auction_listed_by(world, world.owner(actor))}


async def auction_of_alice(world: World, actor: str) -> dict[str, Any]:
    return {"id": await _auction_listed_by(world, "user")}


ROWS: list[Row] = [
    Row(
        "writer",
        "mutation($id: ID!) { auctionCreate(input: {itemId: $id, startPrice: 1, durationDays: 1})"
        " { auction { id } errors { code } } }",
        auction_own_widget,
    ),
    Row(
        "writer",
        "mutation($id: ID!) { auctionBid(input: {auctionId: $id, amount: 1}) { auction { id } errors { code } } }",
        auction_of_another,
    ),
    Row(
        "writer",
        "mutation($id: ID!) { auctionCancel(input: {auctionId: $id}) { auction { status } errors { code } } }",
        auction_own,
    ),
    Row(
        "admin_write",
        "mutation($id: ID!) { auctionEnd(input: {auctionId: $id}) { auction { status } errors { code } } }",
        auction_of_alice,
    ),
    Row("public", '{ auction(id: "1") { id status } }'),
    Row("public", "{ auctions(first: 5) { edges { node { id } } } }"),
]
