"""The root schema: the domains' root classes (``ROOTS`` in each schema module, found by
``schema.core.roots``), the limits and the extensions."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import ASTValidationRule
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig

from schema.core.limits import cost_rule, document_rule
from schema.core.masking import MaskInternalErrors
from schema.core.overloading import overloading_limiter
from schema.core.requests import LucasSchema
from schema.core.roots import roots
from schema.core.settling import install as settle_fields
from schema.core.tracing import OperationSpan
from schema.core.validation import validation_cache

settle_fields()
_roots = roots()
Query, Mutation, Subscription = _roots["Query"], _roots["Mutation"], _roots["Subscription"]


def build_schema(
    *,
    max_depth: int = 12,
    max_tokens: int = 2000,
    max_aliases: int = 30,
    max_cost: int = 5000,
    max_fragment_spreads: int = 200,
    introspection: bool = True,
    mask_errors: bool = True,
) -> strawberry.Schema:
    # The validation cache is keyed by the rule classes, and these factories define a new class
    # per call: build the rules once, or every request misses the cache.
    rules: list[type[ASTValidationRule]] = [
        document_rule(max_depth=max_depth, max_aliases=max_aliases, max_spreads=max_fragment_spreads),
        cost_rule(max_cost),
    ]
    overloading = overloading_limiter()
    # Factories, not instances: an extension holds its request's execution context, so each
    # request gets its own; the parser cache is module-level and shared, the validation cache is
    # this schema's own (``schema.core.validation``).
    extensions: list[Callable[[], SchemaExtension]] = [
        OperationSpan,
        lambda: ParserCache(maxsize=512),
        overloading,
        validation_cache(maxsize=512),
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
        lambda: AddValidationRules(rules),
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    if mask_errors:
        extensions.append(MaskInternalErrors)
    return LucasSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
        suggestions=introspection,
        mask_errors=mask_errors,
    )


schema = build_schema()
