"""The root schema, composed from the domains' query, mutation and subscription classes."""

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
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from schema.accounts import AccountsMutation, AccountsQuery
from schema.admin import AdminMutation, AdminQuery
from schema.core.limits import cost_rule, document_rule
from schema.core.masking import MaskInternalErrors
from schema.core.requests import LucasSchema
from schema.core.tracing import OperationSpan
from schema.imports import ImportsQuery
from schema.ingestion import IngestionMutation, IngestionQuery
from schema.notifications import NotificationsMutation, NotificationsQuery, NotificationsSubscription
from schema.ops import OpsMutation, OpsQuery
from schema.shop import ShopMutation, ShopQuery
from schema.wallet import WalletMutation, WalletQuery, WalletSubscription

Query = merge_types(
    "Query",
    (
        AccountsQuery,
        WalletQuery,
        ShopQuery,
        NotificationsQuery,
        AdminQuery,
        IngestionQuery,
        OpsQuery,
        ImportsQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AccountsMutation,
        WalletMutation,
        ShopMutation,
        AdminMutation,
        NotificationsMutation,
        IngestionMutation,
        OpsMutation,
    ),
)
Subscription = merge_types("Subscription", (WalletSubscription, NotificationsSubscription))


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
    # Factories, not instances: an extension holds its request's execution context, so each
    # request gets its own; the parser and validation caches are module-level and still shared.
    extensions: list[Callable[[], SchemaExtension]] = [
        OperationSpan,
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
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
    )


schema = build_schema()
