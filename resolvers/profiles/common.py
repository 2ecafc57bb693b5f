"""The profiles domain's error codes, the privacy rule and the profile row of a player."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import User
from db.models.profiles import Profile
from resolvers import friends
from resolvers.errors import ErrorCodes

ERRORS = ErrorCodes(
    "profiles",
    "AVATAR_BAD_TYPE",
    "AVATAR_TOO_LARGE",
    "AVATAR_UNREADABLE",
    "BIO_TOO_LONG",
    "INVALID_BIO",
    "INVALID_EMOJI",
    "INVALID_LINK",
    "INVALID_PRIVACY",
    "TOO_MANY_LINKS",
    "UNKNOWN_FEED_ITEM",
)

EVERYONE, FRIENDS, NOBODY = "EVERYONE", "FRIENDS", "NOBODY"
VISIBILITIES = (EVERYONE, FRIENDS, NOBODY)


async def profile_of(session: AsyncSession, user_id: int) -> Profile:
    """The player's profile row, or the defaults (not added to the session) when they never set one."""
    row = await session.get(Profile, user_id)
    return row if row is not None else Profile(user_id=user_id, links=[])


async def user_named(session: AsyncSession, username: str) -> User | None:
    name = (username or "").strip().lstrip("@").lower()
    if not name:
        return None
    return (await session.execute(select(User).where(col(User.username_lower) == name))).scalar_one_or_none()


def allows(visibility: str, *, own: bool, friend: bool) -> bool:
    """Whether a viewer sees what a setting guards: the owner always; friends unless NOBODY."""
    return own or visibility == EVERYONE or (visibility == FRIENDS and friend)


async def is_friend(session: AsyncSession, owner_id: int, viewer_id: int | None) -> bool:
    return (
        viewer_id is not None
        and viewer_id != owner_id
        and await friends.are_friends(session, owner_id, viewer_id)
    )
