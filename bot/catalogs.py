"""Keeps the bot's gettext catalogs in step with the code (Babel).

    python -m bot.catalogs update    # extract texts from bot/**.py into messages.pot, merge into
                                     # each messages.po (English msgstr = msgid), compile .mo
    python -m bot.catalogs compile   # .po → .mo only
    python -m bot.catalogs check     # exit 1 when a .po or .mo is stale, a Russian text is
                                     # missing or fuzzy, or a translation's placeholders differ

Both .po and .mo are committed; ``tests/bot/test_i18n.py`` runs ``check``.
"""

from __future__ import annotations

import copy
import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.i18n import DOMAIN, LANGUAGES, LOCALES_DIR

BOT_DIR = LOCALES_DIR.parent
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "en"
# A fixed date keeps regenerated files identical when no text changed.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def po_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def extract() -> Catalog:
    template = Catalog(project="LucasTeam bot", creation_date=EPOCH, revision_date=EPOCH, fuzzy=False)
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(str(BOT_DIR), method_map):
        template.add(message, None, [(f"bot/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def _serialise_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_output=True)
    return buffer.getvalue()


def _compile(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _read(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(
            locale=language,
            domain=DOMAIN,
            project="LucasTeam bot",
            creation_date=EPOCH,
            revision_date=EPOCH,
            fuzzy=False,
        )
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def merged(language: str, template: Catalog) -> Catalog:
    catalog = _read(language)
    # Catalog.update adopts the template's new Message objects: give each language its own copy.
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()
    catalog.revision_date = EPOCH
    if language == SOURCE_LANGUAGE:
        for message in catalog:
            if message.id and not message.string:
                message.string = message.id
    return catalog


def update() -> None:
    template = extract()
    TEMPLATE.write_bytes(_serialise_po(template))
    for language in LANGUAGES:
        catalog = merged(language, template)
        po_path(language).parent.mkdir(parents=True, exist_ok=True)
        po_path(language).write_bytes(_serialise_po(catalog))
    compile_all()


def compile_all() -> None:
    for language in LANGUAGES:
        mo_path(language).write_bytes(_compile(_read(language)))


def check() -> list[str]:
    problems: list[str] = []
    template = extract()
    if not TEMPLATE.exists() or TEMPLATE.read_bytes() != _serialise_po(template):
        problems.append(f"{TEMPLATE.name} is stale: run python -m bot.catalogs update")
    wanted = {m.id for m in template if m.id}
    for language in LANGUAGES:
        catalog = _read(language)
        have = {m.id for m in catalog if m.id}
        for missing in sorted(map(str, wanted - have)):
            problems.append(f"{language}: missing {missing!r}")
        for extra in sorted(map(str, have - wanted)):
            problems.append(f"{language}: no longer used {extra!r}")
        for message in catalog:
            if not message.id:
                continue
            if not message.string or message.fuzzy:
                problems.append(f"{language}: untranslated {message.id!r}")
            elif set(PLACEHOLDER.findall(str(message.id))) != set(PLACEHOLDER.findall(str(message.string))):
                problems.append(f"{language}: placeholders differ in {message.id!r}")
        if not mo_path(language).exists() or mo_path(language).read_bytes() != _compile(catalog):
            problems.append(
                f"{language}: {mo_path(language).name} is stale: run python -m bot.catalogs compile"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "check"
    if command == "update":
        update()
        return 0
    if command == "compile":
        compile_all()
        return 0
    if command == "check":
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
