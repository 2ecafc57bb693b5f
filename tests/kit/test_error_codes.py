"""Every code a resolver can raise is declared, and every mutation's enum holds what it can meet.

1. each ``DomainError("CODE", …)`` in a resolvers module is in that module's ``ERRORS``;
2. a module's ``ERRORS`` holds every code its functions can raise through the resolvers they call;
3. each mutation field's error enum holds every code the use cases its body names can raise.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from enum import Enum
from pathlib import Path
from types import ModuleType

import resolvers
from resolvers.errors import ErrorCodes
from schema import schema as root
from schema.core.errors import _code_enum, payload_error_type


def _modules() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.walk_packages(resolvers.__path__, "resolvers."):
        found[info.name] = importlib.import_module(info.name)
    return found


MODULES = _modules()


def _source(module: ModuleType) -> str:
    return Path(module.__file__ or "").read_text(encoding="utf-8")


def _raised(module: ModuleType) -> tuple[set[str], list[int]]:
    tree = ast.parse(_source(module))
    codes: set[str] = set()
    dynamic: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DomainError":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                codes.add(first.value)
            else:
                dynamic.append(node.lineno)
    return codes, dynamic


def _declared(module: ModuleType) -> ErrorCodes | None:
    value = getattr(module, "ERRORS", None)
    return value if isinstance(value, ErrorCodes) else None


def test_every_raised_code_is_declared_by_its_module() -> None:
    problems = []
    for name, module in MODULES.items():
        codes, dynamic = _raised(module)
        declared = _declared(module)
        if dynamic:
            problems.append(f"{name}: DomainError with a computed code at lines {dynamic}")
        missing = codes - set(declared.all() if declared else ())
        if missing:
            problems.append(f"{name}: raises {sorted(missing)} without declaring them in ERRORS")
    assert problems == []


def _function_nodes(module: ModuleType) -> dict[str, ast.AST]:
    tree = ast.parse(_source(module))
    out: dict[str, ast.AST] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            out.setdefault(node.name, node)
    return out


NODES = {name: _function_nodes(module) for name, module in MODULES.items()}


def _callees(node: ast.AST, glb: dict[str, object]) -> set[tuple[str, str]]:
    """Resolvers functions a function's body names, as (module, function)."""
    out: set[tuple[str, str]] = set()
    for sub in ast.walk(node):
        target: object = None
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
            base = glb.get(sub.value.id)
            if isinstance(base, ModuleType) and base.__name__ in MODULES:
                target = getattr(base, sub.attr, None)
        elif isinstance(sub, ast.Name):
            target = glb.get(sub.id)
        module = getattr(target, "__module__", None)
        name = getattr(target, "__name__", None)
        if inspect.isfunction(target) and module in MODULES and name in NODES[module]:
            out.add((module, name))
    return out


def _direct_codes(node: ast.AST) -> set[str]:
    codes = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and getattr(sub.func, "id", None) == "DomainError" and sub.args:
            first = sub.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                codes.add(first.value)
    return codes


def reachable_codes(roots: set[tuple[str, str]]) -> set[str]:
    seen: set[tuple[str, str]] = set()
    codes: set[str] = set()
    todo = list(roots)
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        module, name = key
        node = NODES[module][name]
        codes |= _direct_codes(node)
        todo.extend(_callees(node, vars(MODULES[module])))
    return codes


def test_modules_declare_the_codes_of_what_they_call() -> None:
    problems = []
    for name, module in MODULES.items():
        mine = set(_declared(module).all()) if _declared(module) else set()
        needed = reachable_codes({(name, fn) for fn in NODES[name]})
        if needed - mine:
            problems.append(f"{name}: its functions can raise {sorted(needed - mine)}, not in ERRORS")
    assert problems == []


def _called(fn: object) -> set[tuple[str, str]]:
    node = ast.parse(textwrap.dedent(inspect.getsource(fn)))  # type: ignore[arg-type]
    return _callees(node, getattr(fn, "__globals__", {}))


def test_each_mutation_enum_holds_what_its_use_cases_raise() -> None:
    mutation = root.get_type_by_name("Mutation")
    assert mutation is not None
    problems = []
    checked = 0
    for field in mutation.fields:  # type: ignore[union-attr]
        resolver = field.base_resolver
        if resolver is None:
            continue
        payload = field.type.of_type if hasattr(field.type, "of_type") else field.type
        enum: type[Enum] = _code_enum(payload_error_type(payload))
        members = set(enum.__members__)
        called = _called(resolver.wrapped_func)
        checked += bool(called)
        missing = reachable_codes(called) - members
        if missing:
            problems.append(f"{field.python_name} ({enum.__name__}): missing {sorted(missing)}")
    assert checked > 10
    assert problems == []
