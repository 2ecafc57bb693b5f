#!/usr/bin/env bash
# Times backup create/verify/restore on both databases and db copy, on a generated community
# (USERS users, two grants or payments each, purchases). Needs LUCAS_TEST_PG_DSN (source
# /tmp/lucas-shared-env.sh or ./dev's throwaway servers). Usage: bash tests/data/measure.sh [USERS]
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS="${1:-2000}"
WORK="$(mktemp -d)"
BASE="${LUCAS_TEST_PG_DSN%/*}"
SUFFIX="$(date +%s)"
export PYTHONPATH="$PWD" LUCAS_LOG_LEVEL=warning LUCAS_DATA_DIR="$WORK/data"
export LUCAS_DATABASE_URL="sqlite+aiosqlite:///$WORK/data/lucas.sqlite3"
.venv/bin/lucas migrate
.venv/bin/python - "$LUCAS_DATABASE_URL" "$USERS" <<'PY'
import asyncio, sys
from db.engine import Database
from tests.data.support import Spec, populate
n = int(sys.argv[2])
spec = Spec(users=n, grants=[(i, 1000 + i) for i in range(n)], payments=[(i, i + 1, 7) for i in range(n)],
            items=[("Щит", 10, 100)], purchases=[(i, 0) for i in range(10)])
async def main() -> None:
    db = Database(sys.argv[1])
    await populate(db, spec)
    await db.dispose()
asyncio.run(main())
PY
echo "== SQLite backup create"; time .venv/bin/lucas backup create "$WORK/b.sqlite3"
echo "== SQLite backup verify"; time .venv/bin/lucas backup verify "$WORK/b.sqlite3"
echo "== SQLite backup restore"
time LUCAS_DATABASE_URL="sqlite+aiosqlite:///$WORK/restored.sqlite3" .venv/bin/lucas backup restore "$WORK/b.sqlite3"
psql "$LUCAS_TEST_PG_DSN" -qc "CREATE DATABASE measure_a_$SUFFIX" -c "CREATE DATABASE measure_b_$SUFFIX"
echo "== db copy to PostgreSQL"; time .venv/bin/lucas db copy --to "$BASE/measure_a_$SUFFIX" 2>/dev/null
export LUCAS_DATABASE_URL="${BASE/postgresql:/postgresql+asyncpg:}/measure_a_$SUFFIX"
echo "== PostgreSQL backup create"; time .venv/bin/lucas backup create "$WORK/b.dump"
echo "== PostgreSQL backup verify"; time .venv/bin/lucas backup verify "$WORK/b.dump"
echo "== PostgreSQL backup restore"
time LUCAS_DATABASE_URL="${BASE/postgresql:/postgresql+asyncpg:}/measure_b_$SUFFIX" .venv/bin/lucas backup restore "$WORK/b.dump"
psql "$LUCAS_TEST_PG_DSN" -qc "DROP DATABASE measure_a_$SUFFIX" -c "DROP DATABASE measure_b_$SUFFIX"
rm -rf "$WORK"
