"""The authorization matrix's rows for the trading fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, bob, payload_errors

ROWS: list[Row] = [
    Row(
        "writer",
        'mutation($u: ID!) { tradeOfferCreate(input: {toUserId: $u, give: [{currency: "COIN", amount: 1}],'
        " want: []}) { offer { id } errors { code } } }",
        bob,
    ),
    *[
        Row(
            "writer",
            f"mutation {{ tradeOffer{verb}(input: {{offerId: 0{extra}}}) {{ offer {{ id }} errors {{ code }} }} }}",
            domain=payload_errors(["UNKNOWN_OFFER"], "user", "moderator", "admin", "telegram"),
        )
        for verb, extra in (
            ("Accept", ""),
            ("Decline", ""),
            ("Cancel", ""),
            ("Counter", ", give: [], want: []"),
        )
    ],
    Row("reader", "{ tradeOffers { edges { node { id } } } }"),
    Row("moderator_read", "{ tradeFlags { edges { node { id } } } }"),
    Row("moderator_read", "{ tradeFraudAlerts { edges { node { id } } } }"),
]
