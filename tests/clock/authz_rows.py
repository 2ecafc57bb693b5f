"""The authorization matrix's rows for the clock and job fields (schema/ops.py)
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, payload_errors

ROWS: list[Row] = [
    Row(
        "admin_write",
        "mutation { adminClockAdvance(input: {seconds: 60}) { now errors { code } } }",
        domain=payload_errors(["CLOCK_NOT_MANUAL"], "admin"),
    ),
    Row(
        "admin_write",
        'mutation { adminJobRun(input: {name: "no_such_job"}) { name errors { code } } }',
        domain=payload_errors(["UNKNOWN_JOB"], "admin"),
    ),
    Row("admin_read", "{ adminJobs { name schedule lastRunAt } }"),
]
