"""The ledger state machine (``tests/ledger/machine.py``) with every domain's rules, on both databases:
any interleaving of value-moving operations keeps every asset summing to zero, stored balances
matching the transfers and no player balance negative; a refusal changes nothing and a repeated
idempotency key moves value once.

``LUCAS_LEDGER_EXAMPLES`` runs more examples (say 200) for a deeper search while working on a domain.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.ledger.machine import Databases, LedgerMachine, compose, discover

EXAMPLES = int(os.environ.get("LUCAS_LEDGER_EXAMPLES", "8"))
STEPS = 20


def test_any_interleaving_of_domain_operations_keeps_the_ledger_sound(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    databases = Databases(backend, request, tmp_path)
    machine = compose()
    run_state_machine_as_test(
        lambda: machine(databases),
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_every_domain_rules_file_joins_the_machine() -> None:
    domains = discover()
    assert {"WalletRules", "ShopRules", "GiftRules"} <= {cls.__name__ for cls in domains}
    machine = compose()
    assert issubclass(machine, LedgerMachine)
    assert all(issubclass(machine, cls) for cls in domains)
    rules = {name for name in dir(machine) if hasattr(getattr(machine, name), "hypothesis_stateful_rule")}
    assert {"wallet_grant", "wallet_pay", "shop_buy", "shop_restock", "gifts_send", "repeat_keyed"} <= rules


def test_two_domains_naming_a_rule_alike_are_refused() -> None:
    from tests.ledger import machine as module

    class Clash(LedgerMachine):
        def wallet_pay(self) -> None:
            """Shadows the wallet's rule of the same name."""

    module.domain_rules(Clash)
    try:
        with pytest.raises(TypeError, match="wallet_pay"):
            compose()
    finally:
        module._registered.remove(Clash)
