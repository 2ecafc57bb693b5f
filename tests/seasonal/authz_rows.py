"""The authorization matrix's rows for the seasonal fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, payload_errors

ROWS: list[Row] = [
    Row(
        "admin_write",
        'mutation { seasonalEventCreate(input: {name: "Gala", currencyCode: "GALA", currencyName: "Stars",'
        ' startsAt: "2030-01-01T00:00:00+00:00", endsAt: "2030-01-10T00:00:00+00:00"})'
        " { event { id } errors { code } } }",
    ),
    Row(
        "admin_write",
        'mutation { seasonalEventUpdate(input: {id: "1", name: "New Year"}) { event { id } errors { code } } }',
    ),
    Row(
        "admin_write",
        'mutation { seasonalShopItemCreate(input: {eventId: "1", name: "Bauble", price: 5})'
        " { shopItem { price } errors { code } } }",
    ),
    Row(
        "writer",
        'mutation { seasonalShopBuy(input: {itemId: "999999"}) { quantity errors { code } } }',
        domain=payload_errors(["UNKNOWN_ITEM"], "user", "moderator", "admin", "telegram"),
    ),
    Row("public", "{ seasonalEvents { id status } }"),
    Row("public", "{ currentSeasonalEvent { id } }"),
    Row("reader", "{ mySeasonalItems { quantity } }"),
]
