"""One "nothing changed" helper for the whole suite.

``snapshot(db)`` reads every row of every table the database holds (a new domain's tables are
included as soon as its migration ran, with no list to extend), so ``await snapshot(db) == before``
proves that a refused or repeated operation wrote nothing anywhere. ``changed(before, after)`` names
the rows that differ, for a readable assertion message.
"""

from __future__ import annotations

from collections.abc import Iterable

from db.engine import Database

Snapshot = dict[str, list[str]]


TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
}


async def snapshot(db: Database, *, ignore: Iterable[str] = ()) -> Snapshot:
    """Every row of every table (sorted reprs) except the tables named in ``ignore``."""
    skip = set(ignore)
    out: Snapshot = {}
    async with db.read_engine.connect() as connection:
        listed = await connection.exec_driver_sql(TABLES[connection.dialect.name])
        for name in sorted(str(n) for (n,) in listed.all()):
            if name in skip:
                continue
            rows = (await connection.exec_driver_sql(f'SELECT * FROM "{name}"')).all()
            out[name] = sorted(repr(tuple(row)) for row in rows)
    return out


def changed(before: Snapshot, after: Snapshot) -> dict[str, dict[str, list[str]]]:
    """Per table that differs, the rows that went away and the rows that appeared."""
    out: dict[str, dict[str, list[str]]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = set(before.get(name, [])), set(after.get(name, []))
        if old != new:
            out[name] = {"removed": sorted(old - new), "added": sorted(new - old)}
    return out
