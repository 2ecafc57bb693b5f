"""One cluster per module: two ``lucas serve`` processes, a worker and the scheduler on a fresh
PostgreSQL database (a copy of the migrated template) and the shared test Redis."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PG_DSN, REDIS_URL, need
from tests.crossproc.cluster import Cluster, fresh_database, running

REDIS_DB = 12  # Dramatiq's queues live in Redis databases; the other process tests use 9, 10, 11, 13


@pytest.fixture(scope="module")
def redis_url() -> str:
    return need(REDIS_URL, "Redis").rsplit("/", 1)[0] + f"/{REDIS_DB}"


@pytest.fixture(scope="module")
def cluster(pg_template: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    logs: Path = tmp_path_factory.mktemp("crossproc")
    with (
        fresh_database(need(PG_DSN, "PostgreSQL"), pg_template) as database_url,
        running(database_url, redis_url, logs, serves=2) as started,
    ):
        yield started
