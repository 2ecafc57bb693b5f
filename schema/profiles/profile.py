"""A player's profile: read it (per the owner's privacy), edit your own."""

from __future__ import annotations

import strawberry

from resolvers.profiles import profile
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite
from schema.profiles.types import Profile, ProfileError, ProfileLinkSite, ProfileVisibility


@strawberry.input
class ProfileLinkInput:
    site: ProfileLinkSite
    value: str = strawberry.field(description="A handle (@name) or an https link on the site's hosts.")


@strawberry.input
class ProfilePrivacyInput:
    balance: ProfileVisibility | None = None
    activity: ProfileVisibility | None = None
    friends: ProfileVisibility | None = None


@strawberry.input(description="Only what is given changes; an empty bio clears it, [] clears the links.")
class ProfileUpdateInput:
    bio: str | None = None
    links: list[ProfileLinkInput] | None = None
    privacy: ProfilePrivacyInput | None = None


@strawberry.type
class ProfileUpdatePayload:
    profile: Profile | None = None
    errors: list[ProfileError] = strawberry.field(default_factory=list)


def _privacy(given: ProfilePrivacyInput | None) -> dict[str, str] | None:
    if given is None:
        return None
    chosen = {"balance": given.balance, "activity": given.activity, "friends": given.friends}
    return {name: value.value for name, value in chosen.items() if value is not None}


@strawberry.type
class ProfilesQuery:
    @strawberry.field(description="A player's profile by username; parts its owner hides from you are null.")
    async def profile(self, info: Info, username: str) -> Profile | None:
        async with info.context.db.reader() as session:
            shown = await profile.view(session, username=username, viewer_id=info.context.actor.user_id)
        return Profile(shown=shown) if shown is not None else None


@strawberry.type
class ProfilesMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Edits your bio (at most 280 characters), links and privacy.",
    )
    async def profile_update(self, info: Info, input: ProfileUpdateInput) -> ProfileUpdatePayload:
        ctx = info.context
        return await mutate(
            info,
            ProfileUpdatePayload,
            lambda s: profile.update(
                s,
                actor_id=ctx.actor.user_id or 0,
                clock=ctx.clock,
                bio=input.bio,
                links=None
                if input.links is None
                else [(link.site.value, link.value) for link in input.links],
                privacy=_privacy(input.privacy),
            ),
            lambda shown: ProfileUpdatePayload(profile=Profile(shown=shown)),
        )
