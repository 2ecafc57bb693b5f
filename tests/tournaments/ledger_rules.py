"""Tournaments in the ledger state machine: admins create cups (with a bonus from the tournaments
faucet), players join (the fee to escrow) and leave (refunded), cups start, end with 50/30/20
prizes or are cancelled with refunds; each cup's escrow always holds its pool until it is over, then
nothing."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule
from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.tournaments import Tournament
from resolvers import ledger
from resolvers.tournaments import bracket, common, play, registration
from tests.ledger.machine import LedgerMachine, domain_rules, key, player

UNKNOWN = 10**9
cup = st.integers(0, 2)


@domain_rules
class TournamentRules(LedgerMachine):
    tournament_cups: list[int]

    def _cup(self, index: int) -> int:
        cups = getattr(self, "tournament_cups", [])
        return cups[index] if index < len(cups) else UNKNOWN

    @rule(
        fmt=st.sampled_from(bracket.FORMATS),
        fee=st.integers(-1, 40),
        bonus=st.integers(0, 30),
        size=st.integers(1, 4),
    )
    def tournaments_create(self, fmt: str, fee: int, bonus: int, size: int) -> None:
        made: list[int] = []

        async def create(session: AsyncSession) -> None:
            done = await registration.create(
                session,
                actor_id=self.admin,
                is_admin=True,
                name="machine cup",
                format=fmt,
                entry_fee=fee,
                max_players=size,
                prize_bonus=bonus,
                clock=self.clock,
            )
            made.append(int(done.id or 0))

        if self.attempt("tournament.create", actor=self.admin, key=None, use_case=create):
            if not hasattr(self, "tournament_cups"):
                self.tournament_cups = []
            self.tournament_cups.append(made[0])

    @rule(who=player, which=cup, key=key)
    def tournaments_join(self, who: int, which: int, key: str | None) -> None:
        actor, ident = self.players[who], self._cup(which)
        self.attempt(
            "tournament.join",
            actor=actor,
            key=key,
            use_case=lambda s: registration.join(
                s, actor_id=actor, tournament_id=ident, idempotency_key=key, clock=self.clock
            ),
        )

    @rule(who=player, which=cup)
    def tournaments_leave(self, who: int, which: int) -> None:
        actor, ident = self.players[who], self._cup(which)
        self.attempt(
            "tournament.leave",
            actor=actor,
            key=None,
            use_case=lambda s: registration.leave(s, actor_id=actor, tournament_id=ident, clock=self.clock),
        )

    @rule(which=cup)
    def tournaments_start(self, which: int) -> None:
        ident = self._cup(which)
        self.attempt(
            "tournament.start",
            actor=self.admin,
            key=None,
            use_case=lambda s: play.start(s, actor_id=self.admin, tournament_id=ident, clock=self.clock),
        )

    @rule(which=cup)
    def tournaments_end(self, which: int) -> None:
        ident = self._cup(which)
        self.attempt(
            "tournament.end",
            actor=self.admin,
            key=None,
            use_case=lambda s: play.end(s, actor_id=self.admin, tournament_id=ident, clock=self.clock),
        )

    @rule(which=cup)
    def tournaments_cancel(self, which: int) -> None:
        ident = self._cup(which)
        self.attempt(
            "tournament.cancel",
            actor=self.admin,
            key=None,
            use_case=lambda s: registration.cancel(
                s, actor_id=self.admin, tournament_id=ident, clock=self.clock
            ),
        )

    @invariant()
    def tournaments_escrow_holds_the_pool_until_the_end(self) -> None:
        if not getattr(self, "tournament_cups", None):
            return

        async def check(session: AsyncSession) -> list[str]:
            balances = await ledger.system_balances(session)
            wrong = []
            for row in (await session.execute(select(Tournament))).scalars().all():
                held = balances.get((row.currency, common.escrow(int(row.id or 0))[1]), 0)
                want = common.pool_of(row) if row.status in (common.REGISTRATION, common.RUNNING) else 0
                if held != want:
                    wrong.append(f"tournament {row.id} ({row.status}) holds {held}, not {want}")
            return wrong

        assert self.run(self._read(check)) == []
