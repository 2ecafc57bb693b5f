"""What admins use: sources, rates and the review threshold; the parser's models and the shadow's
disagreements."""

from __future__ import annotations

import strawberry
from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers.ingestion import config, queries, registry
from schema.core.connections import check_first, decode_cursor, page
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import IsAdmin
from schema.ingestion.types import (
    IngestionError,
    IngestionRateNode,
    IngestionSettings,
    IngestionSourceCode,
    IngestionSourceNode,
    ParserDisagreementConnection,
    ParserDisagreementNode,
    ParserModelNode,
)


def _settings(loaded: config.Settings) -> IngestionSettings:
    rates: dict[str, list[IngestionRateNode]] = {}
    for rate in loaded.rates:
        rates.setdefault(rate.source, []).append(
            IngestionRateNode(
                source=IngestionSourceCode(rate.source), currency=rate.currency, coefficient=rate.coefficient
            )
        )
    return IngestionSettings(
        review_threshold=loaded.review_threshold,
        sources=[
            IngestionSourceNode(
                source=IngestionSourceCode(s.source),
                telegram_id=strawberry.ID(str(s.telegram_id)) if s.telegram_id is not None else None,
                username=s.username,
                enabled=s.enabled,
                rates=rates.get(s.source, []),
            )
            for s in loaded.sources
        ],
    )


@strawberry.input
class IngestionRateInput:
    source: IngestionSourceCode
    currency: str
    coefficient: str = strawberry.field(description="COIN per unit: a decimal, 0 to 1000000, 6 places.")


@strawberry.input
class AdminIngestionSettingsUpdateInput:
    review_threshold: float | None = None
    rates: list[IngestionRateInput] | None = None


@strawberry.type
class AdminIngestionSettingsPayload:
    settings: IngestionSettings | None = None
    errors: list[IngestionError] = strawberry.field(default_factory=list)


@strawberry.input
class AdminIngestionSourceUpsertInput:
    source: IngestionSourceCode
    telegram_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The game bot's Telegram id; null clears it; omit to keep."
    )
    username: str | None = strawberry.UNSET
    enabled: bool | None = None


@strawberry.type
class AdminIngestionSourcePayload:
    settings: IngestionSettings | None = None
    errors: list[IngestionError] = strawberry.field(default_factory=list)


@strawberry.input
class AdminParserModelSetShadowInput:
    version: str | None = strawberry.field(description="A candidate's version; null stops shadowing.")


@strawberry.type
class AdminParserModelPayload:
    model: ParserModelNode | None = None
    errors: list[IngestionError] = strawberry.field(default_factory=list)


@strawberry.type
class IngestionAdminQuery:
    @strawberry.field(permission_classes=[IsAdmin], description="Game-bot sources, COIN rates, threshold.")
    async def admin_ingestion_settings(self, info: Info) -> IngestionSettings:
        async with info.context.db.reader() as session:
            return _settings(await config.load(session))

    @strawberry.field(permission_classes=[IsAdmin], description="The parser's models, newest first.")
    async def admin_parser_models(self, info: Info) -> list[ParserModelNode]:
        async with info.context.db.reader() as session:
            return [ParserModelNode.from_row(r) for r in await registry.models(session)]

    @strawberry.field(
        permission_classes=[IsAdmin],
        description="Messages the shadow model classified differently, newest first.",
    )
    async def admin_parser_disagreements(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> ParserDisagreementConnection:
        limit = check_first(first)
        before = decode_cursor("disagreement", after)
        async with info.context.db.reader() as session:
            rows = await queries.disagreements(session, after=before, limit=limit)
        return page(
            ParserDisagreementConnection,
            rows,
            kind="disagreement",
            limit=limit,
            node=ParserDisagreementNode.from_row,
        )


@strawberry.type
class IngestionAdminMutation:
    @strawberry.mutation(permission_classes=[IsAdmin], description="Change the review threshold and rates.")
    async def admin_ingestion_settings_update(
        self, info: Info, input: AdminIngestionSettingsUpdateInput
    ) -> AdminIngestionSettingsPayload:
        ctx = info.context
        rates = (
            None
            if input.rates is None
            else [(r.source.value, r.currency, r.coefficient) for r in input.rates]
        )
        return await mutate(
            info,
            AdminIngestionSettingsPayload,
            lambda s: config.update(
                s,
                actor_id=ctx.actor.user_id or 0,
                review_threshold=input.review_threshold,
                rates=rates,
                clock=ctx.clock,
            ),
            lambda loaded: AdminIngestionSettingsPayload(settings=_settings(loaded)),
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Set a game bot's Telegram id, name, switch."
    )
    async def admin_ingestion_source_upsert(
        self, info: Info, input: AdminIngestionSourceUpsertInput
    ) -> AdminIngestionSourcePayload:
        ctx = info.context
        options = {
            name: getattr(input, name)
            for name in ("telegram_id", "username")
            if getattr(input, name) is not strawberry.UNSET
        }

        async def run(session: AsyncSession) -> config.Settings:
            await config.upsert_source(
                session,
                actor_id=ctx.actor.user_id or 0,
                source=input.source.value,
                enabled=input.enabled,
                clock=ctx.clock,
                **options,
            )
            return await config.load(session)

        return await mutate(
            info,
            AdminIngestionSourcePayload,
            run,
            lambda loaded: AdminIngestionSourcePayload(settings=_settings(loaded)),
        )

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Run a candidate model in shadow beside the current one."
    )
    async def admin_parser_model_set_shadow(
        self, info: Info, input: AdminParserModelSetShadowInput
    ) -> AdminParserModelPayload:
        ctx = info.context
        return await mutate(
            info,
            AdminParserModelPayload,
            lambda s: registry.set_shadow(
                s, actor_id=ctx.actor.user_id or 0, version=input.version, clock=ctx.clock
            ),
            lambda row: AdminParserModelPayload(
                model=ParserModelNode.from_row(row) if row is not None else None
            ),
        )
