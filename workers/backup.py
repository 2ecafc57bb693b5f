"""The scheduled backup: a reconciler that makes a backup when the newest one is older than the
interval, then applies the retention rules (keep the N newest, drop those older than D days).

Settings come from the process (``LUCAS_BACKUP_DIR``, ``LUCAS_BACKUP_INTERVAL_HOURS`` (0: off),
``LUCAS_BACKUP_KEEP``, ``LUCAS_BACKUP_KEEP_DAYS``, ``LUCAS_PG_BIN``); a repeated or concurrent
message finds the fresh backup and does nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from db import backup
from workers import runtime
from workers.broker import job

log = logging.getLogger("lucas.workers")


def backup_dir(settings: object, data_dir: Path) -> Path:
    configured = getattr(settings, "backup_dir", None)
    return Path(configured) if configured else data_dir / "backups"


@job("backup", every=900.0, at_start=False, max_retries=1, time_limit=3_600_000)
async def scheduled_backup() -> dict[str, object]:
    rt = runtime.get()
    settings = rt.settings
    interval = float(getattr(settings, "backup_interval_hours", 24.0))
    folder = backup_dir(settings, settings.data_dir)
    if interval <= 0:
        return {"made": None, "pruned": 0, "disabled": True}
    now = rt.clock.now()
    last = backup.newest(folder)
    made = None
    if last is None or now - last >= timedelta(hours=interval):
        path = folder / backup.default_name(settings.database_url, now)
        if not path.exists():
            await backup.create(
                settings.database_url, path, pg_bin=getattr(settings, "pg_bin", None), now=now
            )
            made = str(path)
            log.info("backup written to %s", path)
    pruned = backup.prune(
        folder,
        keep=int(getattr(settings, "backup_keep", 7)),
        keep_days=int(getattr(settings, "backup_keep_days", 30)),
        now=now,
    )
    return {"made": made, "pruned": len(pruned)}
