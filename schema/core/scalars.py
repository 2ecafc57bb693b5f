from __future__ import annotations

from datetime import datetime
from typing import Any, NewType

import strawberry

Amount = strawberry.scalar(
    NewType("Amount", object),
    name="Amount",
    description=(
        "A whole number of units of an asset. Input may be an Int or a decimal String; "
        "fractions, zero, negatives and huge values are refused with a payload error, not here."
    ),
    serialize=lambda value: int(value),
    parse_value=lambda value: value,
)

JSON = strawberry.scalar(
    NewType("JSON", object),
    name="JSON",
    description="Arbitrary JSON data.",
    serialize=lambda value: value,
    parse_value=lambda value: value,
)


def iso(value: datetime) -> Any:
    return value
