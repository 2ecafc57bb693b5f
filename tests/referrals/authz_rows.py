"""The authorization matrix's rows for the referrals fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, payload_errors

ROWS: list[Row] = [
    Row(
        "writer",
        'mutation { referralApply(input: {code: "ZZZZZZZZ"}) { referral { id } errors { code } } }',
        domain=payload_errors(["INVALID_REFERRAL"], "user", "moderator", "admin", "telegram"),
    ),
    Row(
        "moderator_write",
        'mutation { referralReview(input: {referralId: "999999", approve: true}) { referral { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_REFERRAL"], "moderator", "admin"),
    ),
    Row("reader", "{ myReferralCode { code } }"),
    Row("reader", "{ myReferrals { user { username } status } }"),
    Row("reader", "{ myReferrer { status } }"),
    Row("reader", "{ myReferralStats { qualified milestones { count } } }"),
    Row("moderator_read", "{ referralsHeld { edges { node { id } } } }"),
]
