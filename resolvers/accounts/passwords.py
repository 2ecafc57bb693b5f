"""argon2id password hashing; hashing runs in a thread so it never blocks the event loop."""

from __future__ import annotations

import asyncio

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

_hasher = PasswordHash((Argon2Hasher(),))


def configure(*, time_cost: int = 3, memory_cost: int = 65536) -> None:
    """Tests lower the cost; production keeps argon2's recommended defaults."""
    global _hasher
    _hasher = PasswordHash((Argon2Hasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=1),))


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password: str, hashed: str) -> bool:
    return await asyncio.to_thread(_hasher.verify, password, hashed)


DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$yS3nGq+PVqMJQqmyfYjAJ6mbtDSxaJ0YRM2ZSBdTUaU"
