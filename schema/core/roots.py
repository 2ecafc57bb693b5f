"""The root types, composed from what each domain module declares.

A domain's schema module (``schema/<domain>.py``, or the package ``schema/<domain>/``) lists its
root classes in ``ROOTS``; this module finds every domain and merges them, in the order of the
domains' names, into ``Query``, ``Mutation`` and ``Subscription``. Adding a domain edits nothing here.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

from strawberry.tools import merge_types

KINDS = ("Query", "Mutation", "Subscription")


def domain_modules() -> list[ModuleType]:
    import schema

    names = sorted(m.name for m in pkgutil.iter_modules(schema.__path__) if m.name != "core")
    return [importlib.import_module(f"schema.{name}") for name in names]


def roots() -> dict[str, Any]:
    found: dict[str, list[type[Any]]] = {kind: [] for kind in KINDS}
    for module in domain_modules():
        for cls in getattr(module, "ROOTS", ()):
            kind = next((k for k in KINDS if cls.__name__.endswith(k)), None)
            if kind is None:
                raise TypeError(
                    f"{module.__name__}.ROOTS: {cls.__name__} is not a Query, Mutation or Subscription"
                )
            found[kind].append(cls)
    return {kind: merge_types(kind, tuple(classes)) if classes else None for kind, classes in found.items()}
