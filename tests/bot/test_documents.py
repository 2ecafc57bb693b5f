"""The bot's operations: every document validates against the committed SDL, ``bot/operations/`` is
exactly what ``python -m bot.codegen`` makes of the documents (regeneration changes nothing), every
operation is used, and the generator refuses what it cannot type."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NotRequired, get_type_hints

import pytest
from graphql import GraphQLError, build_schema, parse, validate

from bot import codegen
from bot.codegen import DOCUMENTS_DIR, OUTPUT_DIR, CodegenError, constant_name, module_name

SDL = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"
BOT_DIR = OUTPUT_DIR.parent
DOCUMENTS = sorted(p.stem for p in DOCUMENTS_DIR.glob("*.graphql"))


def test_regeneration_changes_nothing() -> None:
    assert codegen.check() == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_validates_against_the_schema(name: str) -> None:
    document = parse((DOCUMENTS_DIR / f"{name}.graphql").read_text())
    assert validate(build_schema(SDL.read_text()), document) == []


def test_every_operation_is_used_by_the_bot() -> None:
    sources = "\n".join(
        p.read_text() for p in BOT_DIR.rglob("*.py") if OUTPUT_DIR not in p.parents and p.name != "codegen.py"
    )
    for name in DOCUMENTS:
        assert f"from bot.operations.{module_name(name)} import" in sources, name
        assert constant_name(name) in sources, name


def test_generated_types_follow_the_schema() -> None:
    from bot.operations import ingestion_submit, my_transfers, wallet_transfer

    hints = get_type_hints(my_transfers.MyTransfersMyTransfersEdgesNode)
    assert hints["memo"] == str | None and hints["direction"] == Literal["IN", "OUT"]
    variables = get_type_hints(my_transfers.MyTransfersVariables, include_extras=True)
    assert variables == {"first": int, "after": NotRequired[str | None]}
    transfer = get_type_hints(wallet_transfer.WalletTransferInput, include_extras=True)
    assert transfer["amount"] == int | str and transfer["currency"] == NotRequired[str]
    errors = get_type_hints(wallet_transfer.WalletTransferWalletTransferErrors)
    assert errors["__typename"] == Literal["WalletError"] and errors["field"] == str | None
    assert "REFUSED" in ingestion_submit.IngestionStatus.__args__
    assert wallet_transfer.WALLET_TRANSFER.name == "WalletTransfer"
    assert wallet_transfer.WALLET_TRANSFER.document == (DOCUMENTS_DIR / "WalletTransfer.graphql").read_text()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("query Broken { me { id", "Syntax Error"),
        ("query Broken { me { nope } }", "Cannot query field 'nope'"),
        ("query Other { me { id } }", "name the file Other.graphql"),
        ("{ me { id } }", "one named operation per document"),
        ("query Broken { me { ...F } } fragment F on User { id }", "one named operation per document"),
        ("query Broken { me { ... on User { id } } }", "fragments are not supported"),
        ("query Broken($s: Boolean!) { me { id @include(if: $s) } }", "directives are not supported"),
    ],
)
def test_the_generator_refuses_what_it_cannot_type(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "Broken.graphql"
    path.write_text(text)
    before = sorted(p.name for p in OUTPUT_DIR.iterdir())
    with pytest.raises(CodegenError if problem != "Syntax Error" else GraphQLError, match=problem):
        codegen.generate(build_schema(SDL.read_text()), path)
    assert sorted(p.name for p in OUTPUT_DIR.iterdir()) == before


def test_names() -> None:
    assert module_name("MyTransfers") == "my_transfers" and constant_name("Me") == "ME"
