"""Result shapes of the bot's GraphQL documents (``bot/graphql/*.graphql``), as the server sends them.

Written by hand and kept honest by ``tests/bot/test_documents.py``: every document validates
against ``schema/schema.graphql`` and every TypedDict here lists exactly the fields its selection
set asks for, nullable where the schema says so.
"""

from __future__ import annotations

from typing import Literal, TypedDict


class PageInfo(TypedDict):
    hasNextPage: bool
    endCursor: str | None


class Balance(TypedDict):
    currency: str
    amount: int


class ItemRef(TypedDict):
    id: str
    name: str


class InventoryEntry(TypedDict):
    item: ItemRef
    quantity: int


class Me(TypedDict):
    id: str
    username: str
    balances: list[Balance]
    inventory: list[InventoryEntry]


class TransferNode(TypedDict):
    id: str
    kind: str
    asset: str
    amount: int
    direction: Literal["IN", "OUT"]
    counterparty: str
    memo: str | None
    createdAt: str


class TransferEdge(TypedDict):
    node: TransferNode


class TransferConnection(TypedDict):
    edges: list[TransferEdge]
    pageInfo: PageInfo


class PublicUser(TypedDict):
    id: str
    username: str


class PayloadError(TypedDict):
    code: str
    field: str | None
    message: str


class SentTransfer(TypedDict):
    id: str
    asset: str
    amount: int
    counterparty: str


class WalletTransferPayload(TypedDict):
    transfer: SentTransfer | None
    balances: list[Balance] | None
    errors: list[PayloadError]


class ShopItem(TypedDict):
    id: str
    name: str
    description: str
    price: int
    currency: str
    stock: int | None


class ShopItemEdge(TypedDict):
    node: ShopItem


class ShopItemConnection(TypedDict):
    edges: list[ShopItemEdge]
    pageInfo: PageInfo


class PurchasedItem(TypedDict):
    id: str
    name: str
    price: int
    currency: str


class ShopPurchasePayload(TypedDict):
    item: PurchasedItem | None
    quantity: int | None
    errors: list[PayloadError]


class NotificationNode(TypedDict):
    id: str
    title: str
    body: str
    createdAt: str


class NotificationEdge(TypedDict):
    node: NotificationNode


class NotificationConnection(TypedDict):
    edges: list[NotificationEdge]
    unreadCount: int


class NotificationMarkReadPayload(TypedDict):
    count: int
    errors: list[PayloadError]


IngestionStatus = Literal["CREDITED", "PENDING_REVIEW", "REJECTED", "DUPLICATE", "REFUSED"]


class GameAmount(TypedDict):
    currency: str
    amount: str


class SubmittedIngestion(TypedDict):
    id: str
    messageRef: str
    source: str
    kind: str
    players: list[str]
    amounts: list[GameAmount]
    totals: list[GameAmount]
    status: IngestionStatus
    creditedCoin: int


class IngestionSubmitPayload(TypedDict):
    status: IngestionStatus
    creditedCoin: int
    ingestion: SubmittedIngestion | None
    errors: list[PayloadError]


class NicknameLink(TypedDict):
    source: str
    nickname: str
    status: Literal["LINKED", "PENDING_REVIEW", "APPROVED", "REJECTED"]


class IngestionNicknameClaimPayload(TypedDict):
    nickname: NicknameLink | None
    errors: list[PayloadError]


class IngestionNode(TypedDict):
    id: str
    source: str
    kind: str
    players: list[str]
    status: IngestionStatus
    creditedCoin: int
    createdAt: str


class IngestionEdge(TypedDict):
    node: IngestionNode


class IngestionConnection(TypedDict):
    edges: list[IngestionEdge]
    pageInfo: PageInfo
