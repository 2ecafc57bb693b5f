"""The profiles domain's GraphQL types: a profile as one viewer sees it, and feed items."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.accounts import UserByIdLoader
from dataloaders.profiles import ReactionsByItemLoader
from db.models.profiles import FeedItem as FeedItemRow
from resolvers.achievements import board
from resolvers.profiles import feed, profile
from resolvers.profiles.common import ERRORS
from schema.accounts import PublicUser
from schema.achievements import Achievement
from schema.core.context import Info
from schema.core.errors import error_codes
from schema.core.scalars import Amount

ProfileErrorCode = error_codes("Profile", ERRORS)


@strawberry.type
class ProfileError:
    code: Enum = strawberry.field(graphql_type=ProfileErrorCode)
    field: str | None
    message: str


@strawberry.enum(description="Who sees a part of a profile: anyone, friends only, or only its owner.")
class ProfileVisibility(Enum):
    EVERYONE = "EVERYONE"
    FRIENDS = "FRIENDS"
    NOBODY = "NOBODY"


@strawberry.enum
class ProfileLinkSite(Enum):
    GITHUB = "GITHUB"
    GITLAB = "GITLAB"
    TELEGRAM = "TELEGRAM"
    X = "X"
    YOUTUBE = "YOUTUBE"
    TWITCH = "TWITCH"
    VK = "VK"
    STEAM = "STEAM"


@strawberry.enum(description="Marks a player earned: staff role, clan leadership, the coin top 10, a level.")
class ProfileBadge(Enum):
    ADMIN = "ADMIN"
    MODERATOR = "MODERATOR"
    CLAN_LEADER = "CLAN_LEADER"
    TOP_10_COINS = "TOP_10_COINS"
    LEVEL_10 = "LEVEL_10"
    LEVEL_25 = "LEVEL_25"
    LEVEL_50 = "LEVEL_50"


@strawberry.enum
class FeedKind(Enum):
    ACHIEVEMENT = "ACHIEVEMENT"
    LEVEL_UP = "LEVEL_UP"
    WIN = "WIN"
    BIG_PURCHASE = "BIG_PURCHASE"
    AUCTION_WON = "AUCTION_WON"


@strawberry.enum(description="MINE: your own activity; FRIENDS: yours and your friends'.")
class FeedScope(Enum):
    MINE = "MINE"
    FRIENDS = "FRIENDS"


@strawberry.type
class ProfileLink:
    site: ProfileLinkSite
    url: str
    handle: str | None


@strawberry.type
class ProfilePrivacy:
    balance: ProfileVisibility
    activity: ProfileVisibility
    friends: ProfileVisibility


@strawberry.type
class ProfileStats:
    level: int
    xp: int
    tier: str
    achievements_unlocked: int
    friend_count: int
    joined_at: datetime


@strawberry.type
class FeedReactionCount:
    emoji: str
    count: int
    mine: bool = strawberry.field(description="Whether you reacted with it.")


async def public_user(info: Info, user_id: int) -> PublicUser | None:
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type(
    description="One activity of a player: an achievement, a level, a win, a big purchase, an auction won."
)
class FeedItem:
    row: strawberry.Private[FeedItemRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def kind(self) -> FeedKind:
        return FeedKind(self.row.kind)

    @strawberry.field
    async def user(self, info: Info) -> PublicUser | None:
        return await public_user(info, self.row.user_id)

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    def _data(self, key: str) -> object:
        return (self.row.data or {}).get(key)

    @strawberry.field(description="ACHIEVEMENT: the achievement's key.")
    def achievement(self) -> str | None:
        value = self._data("key")
        return value if isinstance(value, str) else None

    @strawberry.field(description="ACHIEVEMENT: bronze, silver or gold, if it has tiers.")
    def tier(self) -> str | None:
        value = self._data("tier")
        return value if isinstance(value, str) else None

    @strawberry.field(description="LEVEL_UP: the level reached.")
    def level(self) -> int | None:
        value = self._data("level")
        return value if isinstance(value, int) else None

    @strawberry.field(description="WIN in a mini-game: the game.")
    def game(self) -> str | None:
        value = self._data("game")
        return value if isinstance(value, str) else None

    @strawberry.field(description="The item bought or won, or the tournament won.")
    def name(self) -> str | None:
        value = self._data("name")
        return value if isinstance(value, str) else None

    @strawberry.field(description="COIN won, spent or paid.")
    def amount(self) -> Amount | None:  # type: ignore[valid-type]
        value = self._data("amount")
        return value if isinstance(value, int) else None

    @strawberry.field
    async def reactions(self, info: Info) -> list[FeedReactionCount]:
        rows = await info.context.loaders.get(ReactionsByItemLoader).load(int(self.row.id or 0))
        viewer = info.context.actor.user_id
        counted: dict[str, list[int]] = {}
        for r in rows:
            counted.setdefault(r.emoji, []).append(r.user_id)
        return [
            FeedReactionCount(emoji=e, count=len(counted[e]), mine=viewer in counted[e])
            for e in feed.EMOJIS
            if e in counted
        ]


@strawberry.type(
    description="A player's profile as you may see it: guarded parts are null when hidden from you."
)
class Profile:
    shown: strawberry.Private[profile.View]

    @strawberry.field
    def user(self) -> PublicUser:
        return PublicUser(id=strawberry.ID(str(self.shown.user_id)), username=self.shown.user.username)

    @strawberry.field
    def username(self) -> str:
        return self.shown.user.username

    @strawberry.field
    def bio(self) -> str | None:
        return self.shown.profile.bio

    @strawberry.field(description="A 256×256 WebP image, or null before the first upload.")
    def avatar_url(self) -> str | None:
        version = self.shown.profile.avatar_version
        return f"/avatars/{self.shown.user_id}/{version}.webp" if version else None

    @strawberry.field(description="Up to five achievements the player features (see achievementsFeature).")
    async def featured_achievements(self, info: Info, language: str | None = None) -> list[Achievement]:
        async with info.context.db.reader() as session:
            found = await board.featured_of(session, username=self.shown.user.username, language=language)
        return [Achievement(view=v) for v in found]

    @strawberry.field
    async def badges(self, info: Info) -> list[ProfileBadge]:
        async with info.context.db.reader() as session:
            return [ProfileBadge(b) for b in await profile.badges(session, self.shown)]

    @strawberry.field
    async def stats(self, info: Info) -> ProfileStats:
        async with info.context.db.reader() as session:
            s = await profile.stats(session, self.shown)
        return ProfileStats(
            level=s.level,
            xp=s.xp,
            tier=s.tier,
            achievements_unlocked=s.achievements_unlocked,
            friend_count=s.friend_count,
            joined_at=s.joined_at,
        )

    @strawberry.field(description="COIN held; null unless the owner's balance setting lets you see it.")
    async def balance(self, info: Info) -> Amount | None:  # type: ignore[valid-type]
        async with info.context.db.reader() as session:
            return await profile.balance(session, self.shown)

    @strawberry.field(description="Friends; null unless the owner's friends setting lets you see them.")
    async def friends(self, info: Info) -> list[PublicUser] | None:
        async with info.context.db.reader() as session:
            ids = await profile.friends_of(session, self.shown)
        if ids is None:
            return None
        rows = await info.context.loaders.get(UserByIdLoader).load_many(ids)
        return [PublicUser(id=strawberry.ID(str(r.id)), username=r.username) for r in rows if r is not None]

    @strawberry.field(
        description="Recent activity; null unless the owner's activity setting lets you see it."
    )
    async def activity(self, info: Info, first: int = 10) -> list[FeedItem] | None:
        if not self.shown.sees("activity"):
            return None
        async with info.context.db.reader() as session:
            rows = await feed.of_user(session, user_id=self.shown.user_id, first=first)
        return [FeedItem(row=r) for r in rows]

    @strawberry.field
    def links(self) -> list[ProfileLink]:
        return [
            ProfileLink(site=ProfileLinkSite(link["site"]), url=str(link["url"]), handle=link.get("handle"))
            for link in self.shown.profile.links or []
            if link.get("site") in ProfileLinkSite.__members__
        ]

    @strawberry.field
    def privacy(self) -> ProfilePrivacy:
        p = self.shown.profile
        return ProfilePrivacy(
            balance=ProfileVisibility(p.balance_visibility),
            activity=ProfileVisibility(p.activity_visibility),
            friends=ProfileVisibility(p.friends_visibility),
        )
