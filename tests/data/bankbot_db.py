"""A database of the original BankBot, built from its schema (lucasteamalt12321/BankBot,
``database/database.py``: the tables the import reads plus a few it ignores), with realistic rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import asyncpg

DDL = [
    """CREATE TABLE users (
        id INTEGER PRIMARY KEY, telegram_id BIGINT UNIQUE, username VARCHAR(100), first_name VARCHAR(100),
        last_name VARCHAR(100), balance INTEGER DEFAULT 0, daily_streak INTEGER DEFAULT 0, last_daily TIMESTAMP,
        total_earned INTEGER DEFAULT 0, created_at TIMESTAMP, last_activity TIMESTAMP, is_vip BOOLEAN DEFAULT FALSE,
        vip_until TIMESTAMP, is_admin BOOLEAN DEFAULT FALSE, sticker_unlimited BOOLEAN DEFAULT FALSE,
        sticker_unlimited_until TIMESTAMP, total_purchases INTEGER DEFAULT 0, alias VARCHAR(32))""",
    """CREATE TABLE user_aliases (
        id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE, alias_type VARCHAR(20),
        alias_value VARCHAR(100), game_source VARCHAR(50), confidence_score FLOAT DEFAULT 1.0, created_at TIMESTAMP)""",
    """CREATE TABLE transactions (
        id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE, amount INTEGER,
        transaction_type VARCHAR(50), source_game VARCHAR(50), description TEXT, meta_data TEXT, created_at TIMESTAMP)""",
    """CREATE TABLE shop_categories (
        id INTEGER PRIMARY KEY, name VARCHAR(100), description TEXT, sort_order INTEGER DEFAULT 0,
        is_active BOOLEAN DEFAULT TRUE)""",
    """CREATE TABLE shop_items (
        id INTEGER PRIMARY KEY, category_id INTEGER REFERENCES shop_categories(id), name VARCHAR(100),
        description TEXT, price INTEGER, item_type VARCHAR(50), meta_data TEXT, purchase_limit INTEGER DEFAULT 0,
        cooldown_hours INTEGER DEFAULT 0, is_active BOOLEAN DEFAULT TRUE)""",
    """CREATE TABLE user_purchases (
        id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
        item_id INTEGER REFERENCES shop_items(id) ON DELETE CASCADE, purchase_price INTEGER,
        purchased_at TIMESTAMP, expires_at TIMESTAMP, is_active BOOLEAN DEFAULT TRUE, meta_data TEXT)""",
    """CREATE TABLE bot_balances (
        id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), game VARCHAR(50) NOT NULL,
        last_balance FLOAT DEFAULT 0.0, current_bot_balance FLOAT DEFAULT 0.0, last_updated TIMESTAMP,
        created_at TIMESTAMP)""",
]

BIG = 999_999_999_999
USERS = [
    # id, telegram_id, username, first_name, last_name, balance
    (1, 385_000_001, "lucas_admin", "Лукас", "Тимов", 15_230),
    (2, 5_912_345_678, None, "Анастасия", None, 0),
    (3, 1_002_003_004, "gusenok", "Гусь", "Гусевич", BIG),
    (4, None, "ghost", "Призрак", None, 70),
    (5, 77_000_005, None, "Ёжик 🦔", "В тумане", 1),
    (6, 77_000_006, "shmal_fan", "Пётр", "", 250),
]
TRANSACTIONS = [
    (1, 1, 100, "daily_bonus", None, "Ежедневный бонус", "2024-03-01 10:00:00"),
    (2, 1, 500, "game_reward", "gdcards", "Начисление за GD Cards: 5 орбов", "2024-03-02 11:15:30.123456"),
    (3, 3, BIG, "admin_grant", None, "Выдано админом", "2024-04-10 08:00:00"),
    (4, 6, -50, "purchase", None, "Покупка: Стикер", "2024-05-05 21:45:00"),
    (5, 4, 70, "game_reward", "shmalala", "Рыбалка", "2024-05-06 07:00:00"),
]
ITEMS = [(1, 1, "Стикер безлимит", "На сутки", 50), (2, 1, "VIP статус", "Неделя VIP", 1000)]
PURCHASES = [(1, 6, 1, 50, "2024-05-05 21:45:00"), (2, 1, 2, 1000, "2024-05-07 12:00:00")]
ALIASES = [
    (1, 1, "game_nickname", "LucasTeam", "gdcards"),
    (2, 3, "game_nickname", "Гусёнок", "Гуся Cards"),
    (3, 6, "game_nickname", "Пётр Рыбак", "shmalala"),
    (4, 5, "game_nickname", "Ёжик", "minecraft"),
    (5, 4, "game_nickname", "Призрак", "gdcards"),
]


def rows() -> list[tuple[str, list[tuple[object, ...]]]]:
    return [
        (
            "INSERT INTO users (id, telegram_id, username, first_name, last_name, balance, created_at) "
            "VALUES ({}, '2024-01-01 00:00:00')",
            USERS,
        ),
        ("INSERT INTO shop_categories (id, name, description) VALUES ({})", [(1, "Разное", "Всё подряд")]),
        ("INSERT INTO shop_items (id, category_id, name, description, price) VALUES ({})", ITEMS),
        (
            "INSERT INTO transactions (id, user_id, amount, transaction_type, source_game, description, created_at) "
            "VALUES ({})",
            TRANSACTIONS,
        ),
        (
            "INSERT INTO user_purchases (id, user_id, item_id, purchase_price, purchased_at) VALUES ({})",
            PURCHASES,
        ),
        ("INSERT INTO user_aliases (id, user_id, alias_type, alias_value, game_source) VALUES ({})", ALIASES),
        ("INSERT INTO bot_balances (id, user_id, game, last_balance) VALUES ({})", [(1, 1, "gdcards", 12.5)]),
    ]


def build_sqlite(path: Path, *, balances: dict[int, int] | None = None) -> Path:
    conn = sqlite3.connect(path)
    with conn:
        for ddl in DDL:
            conn.execute(ddl)
        for sql, values in rows():
            for row in values:
                conn.execute(sql.format(", ".join("?" * len(row))), row)
        for user_id, balance in (balances or {}).items():
            conn.execute("UPDATE users SET balance = ? WHERE id = ?", (balance, user_id))
    conn.close()
    return path


async def build_postgres(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        for ddl in DDL:
            # BankBot's PostgreSQL columns are INTEGER; BIGINT here so that the same rows fit
            await conn.execute(
                ddl.replace("balance INTEGER", "balance BIGINT").replace("amount INTEGER", "amount BIGINT")
            )
        for sql, values in rows():
            for row in values:
                placeholders = ", ".join(f"${n + 1}" for n in range(len(row)))
                converted = [_pg_value(v) for v in row]
                await conn.execute(sql.format(placeholders), *converted)
    finally:
        await conn.close()


def _pg_value(value: object) -> object:
    from datetime import datetime

    if isinstance(value, str) and value[:4] == "2024" and value[4] == "-":
        return datetime.fromisoformat(value)
    return value
