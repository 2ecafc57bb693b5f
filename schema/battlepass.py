"""The battle pass: the season, your level and XP, the two reward tracks; premium and level skips."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.shop import ItemByIdLoader
from db.models.battlepass import BattlePassSeason as SeasonRow
from resolvers.battlepass import passes, rules, seasons
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.mutations import in_transaction, mutate
from schema.core.permissions import CanWrite, IsAuthenticated
from schema.core.scalars import Amount
from schema.shop import Item

BattlePassErrorCode = error_codes("BattlePass", passes.ERRORS)
BattlePassTrack = strawberry.enum(rules.Track, name="BattlePassTrack")
BattlePassPrize = strawberry.enum(rules.Prize, name="BattlePassPrize")


@strawberry.type
class BattlePassError:
    code: Enum = strawberry.field(graphql_type=BattlePassErrorCode)
    field: str | None
    message: str


@strawberry.type(description="A battle pass season: 8 weeks, then archived by the season_end job.")
class BattlePassSeason:
    row: strawberry.Private[SeasonRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def number(self) -> int:
        return self.row.number

    @strawberry.field
    def starts_at(self) -> datetime:
        return self.row.starts_at

    @strawberry.field
    def ends_at(self) -> datetime:
        return self.row.ends_at

    @strawberry.field(description="When the season was archived; null while it is open.")
    def archived_at(self) -> datetime | None:
        return self.row.archived_at

    @strawberry.field(description="The end has passed (the next season starts at the job's next run).")
    def ended(self, info: Info) -> bool:
        return self.row.ends_at <= info.context.clock.now()


@strawberry.type(description="One level's reward on one track.")
class BattlePassReward:
    season: strawberry.Private[SeasonRow]
    reward: strawberry.Private[rules.Reward]
    claimed: bool = strawberry.field(description="Paid to you (rewards are paid when unlocked).")

    @strawberry.field
    def track(self) -> BattlePassTrack:  # type: ignore[valid-type]
        return self.reward.track

    @strawberry.field
    def prize(self) -> BattlePassPrize:  # type: ignore[valid-type]
        return self.reward.prize

    @strawberry.field(description="COIN, or how many of the item.")
    def amount(self) -> Amount:  # type: ignore[valid-type]
        return self.reward.amount

    @strawberry.field(description="The currency's code, or null for an item.")
    def currency(self) -> str | None:
        return rules.CURRENCY if self.reward.prize is rules.Prize.COIN else None

    @strawberry.field(description="The season's item, or null for COIN.")
    async def item(self, info: Info) -> Item | None:
        if self.reward.prize is rules.Prize.COIN:
            return None
        row = await info.context.loaders.get(ItemByIdLoader).load(
            seasons.item_of(self.season, self.reward.prize)
        )
        return Item.from_row(row) if row is not None else None


@strawberry.type
class BattlePassLevel:
    level: int
    xp: int = strawberry.field(description="Season XP at which the level is reached.")
    reached: bool
    free: BattlePassReward
    premium: BattlePassReward


@strawberry.type(description="Your battle pass in the open season.")
class BattlePass:
    found: strawberry.Private[passes.Pass]

    @strawberry.field
    def season(self) -> BattlePassSeason:
        return BattlePassSeason(row=self.found.season)

    @strawberry.field(description="Levels reached, 0 to 100.")
    def level(self) -> int:
        return self.found.level

    @strawberry.field(description="Season XP.")
    def xp(self) -> int:
        return self.found.xp

    @strawberry.field(description="The premium track is yours this season.")
    def premium(self) -> bool:
        return self.found.premium

    @strawberry.field
    def max_level(self) -> int:
        return rules.LEVELS

    @strawberry.field(description="XP one level costs.")
    def level_xp(self) -> int:
        return rules.LEVEL_XP

    @strawberry.field(description="Season XP at which the next level is reached (null at the top).")
    def next_level_xp(self) -> int | None:
        return rules.xp_for_level(self.found.level + 1) if self.found.level < rules.LEVELS else None

    @strawberry.field(description="COIN premium costs.")
    def premium_price(self) -> Amount:  # type: ignore[valid-type]
        return self.found.premium_price

    @strawberry.field(description="COIN one level skip costs.")
    def level_price(self) -> Amount:  # type: ignore[valid-type]
        return self.found.level_price

    @strawberry.field(
        description="The 100 levels with their free and premium rewards and what you were paid."
    )
    def track(self) -> list[BattlePassLevel]:
        found = self.found

        def reward(level: int, track: rules.Track) -> BattlePassReward:
            claimed = (level, str(track)) in found.paid
            return BattlePassReward(season=found.season, reward=rules.reward(level, track), claimed=claimed)

        return [
            BattlePassLevel(
                level=n,
                xp=rules.xp_for_level(n),
                reached=n <= found.level,
                free=reward(n, rules.Track.FREE),
                premium=reward(n, rules.Track.PREMIUM),
            )
            for n in range(1, rules.LEVELS + 1)
        ]


@strawberry.type(description="Your final pass of an archived season.")
class BattlePassArchived:
    season: BattlePassSeason
    level: int
    xp: int
    premium: bool


@strawberry.input
class BattlePassBuyPremiumInput:
    idempotency_key: str | None = None


@strawberry.input
class BattlePassBuyLevelsInput:
    levels: int
    idempotency_key: str | None = None


@strawberry.type
class BattlePassBuyPremiumPayload:
    battle_pass: BattlePass | None = None
    errors: list[BattlePassError] = strawberry.field(default_factory=list)


@strawberry.type
class BattlePassBuyLevelsPayload:
    battle_pass: BattlePass | None = None
    errors: list[BattlePassError] = strawberry.field(default_factory=list)


@strawberry.type
class BattlePassQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Your battle pass in the open season (the first season starts on first use).",
    )
    async def battle_pass(self, info: Info) -> BattlePass:
        ctx = info.context
        user_id = ctx.actor.user_id or 0
        async with ctx.db.reader() as session:
            season = await seasons.open_season(session)
            if season is not None:
                return BattlePass(found=await passes.view(session, season=season, user_id=user_id))
        found = await in_transaction(ctx, lambda s: passes.mine(s, user_id=user_id, clock=ctx.clock))
        return BattlePass(found=found)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Your final passes of archived seasons, newest first.",
    )
    async def battle_pass_history(self, info: Info) -> list[BattlePassArchived]:
        async with info.context.db.reader() as session:
            rows = await seasons.history(session, user_id=info.context.actor.user_id or 0)
        return [
            BattlePassArchived(season=BattlePassSeason(row=s), level=p.level, xp=p.xp, premium=p.premium)
            for s, p in rows
        ]


@strawberry.type
class BattlePassMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Buy this season's premium track with COIN; the premium rewards of the levels "
        "already reached are paid at once.",
    )
    async def battle_pass_buy_premium(
        self, info: Info, input: BattlePassBuyPremiumInput | None = None
    ) -> BattlePassBuyPremiumPayload:
        ctx = info.context
        return await mutate(
            info,
            BattlePassBuyPremiumPayload,
            lambda s: passes.buy_premium(
                s,
                actor_id=ctx.actor.user_id or 0,
                idempotency_key=input.idempotency_key if input is not None else None,
                clock=ctx.clock,
            ),
            lambda found: BattlePassBuyPremiumPayload(battle_pass=BattlePass(found=found)),
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Buy level skips with COIN; the rewards of the levels reached are paid at once.",
    )
    async def battle_pass_buy_levels(
        self, info: Info, input: BattlePassBuyLevelsInput
    ) -> BattlePassBuyLevelsPayload:
        ctx = info.context
        return await mutate(
            info,
            BattlePassBuyLevelsPayload,
            lambda s: passes.buy_levels(
                s,
                actor_id=ctx.actor.user_id or 0,
                levels=input.levels,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            lambda found: BattlePassBuyLevelsPayload(battle_pass=BattlePass(found=found)),
        )


ROOTS = (BattlePassQuery, BattlePassMutation)
