import { gql } from '@urql/core'
import { cacheExchange, type Cache, type CacheExchangeOpts, type Data } from '@urql/exchange-graphcache'
import { relayPagination } from '@urql/exchange-graphcache/extras'
import {
  ItemFieldsFragmentDoc,
  NotificationFieldsFragmentDoc,
  TransferFieldsFragmentDoc,
  type DiceRollMutation,
  type DiceRollMutationVariables,
  type DndCampaignCreateMutation,
  type DndCharacterCreateMutation,
  type DndSessionCreateMutation,
  type DailyClaimMutation,
  type GiftSendMutation,
  type ItemFieldsFragment,
  type NotificationFieldsFragment,
  type NotificationMarkReadMutationVariables,
  type NotificationMarkReadMutation,
  type NotificationReceivedSubscription,
  type PerkItemCreateMutation,
  type ShopItemCreateMutation,
  type ShopPurchaseMutation,
  type TransferFieldsFragment,
  type WalletChangedSubscription,
  type WalletTransferMutation,
} from '@/gql/graphql'

type Balance = { currency: string; amount: string | number }

const TRANSFER_EDGE = gql`
  fragment _ on TransferEdge { cursor node { ...TransferFields } }
  ${TransferFieldsFragmentDoc}
`
const NOTIFICATION_EDGE = gql`
  fragment _ on NotificationEdge { cursor node { ...NotificationFields } }
  ${NotificationFieldsFragmentDoc}
`
const ITEM_EDGE = gql`
  fragment _ on ItemEdge { cursor node { ...ItemFields } }
  ${ItemFieldsFragmentDoc}
`
const USER_BALANCES = gql`fragment _ on User { id balances { currency amount } }`
const NOTIFICATION_READ = gql`fragment _ on Notification { id readAt }`

type Args = Record<string, unknown>

const isKey = (value: unknown): value is string => typeof value === 'string'

/** The cached connections of a root field whose arguments pass `match`, as entity keys. */
function connections(cache: Cache, field: string, match: (args: Args) => boolean): string[] {
  return cache
    .inspectFields('Query')
    .filter((info) => info.fieldName === field && match(info.arguments ?? {}))
    .map((info) => cache.resolve('Query', info.fieldKey))
    .filter(isKey)
}

function edgesOf(cache: Cache, connection: string): string[] | null {
  const edges = cache.resolve(connection, 'edges')
  return Array.isArray(edges) ? edges.filter(isKey) : null
}

/** Puts an edge at the top of every cached first page (newest-first lists). */
function prependEdge(cache: Cache, field: string, edge: string, match: (args: Args) => boolean = () => true) {
  for (const connection of connections(cache, field, (args) => !args?.after && match(args))) {
    const edges = edgesOf(cache, connection)
    if (edges && !edges.includes(edge)) cache.link(connection, 'edges', [edge, ...edges])
  }
}

/** Puts an edge at the end of every cached last page (oldest-first lists). */
function appendEdge(cache: Cache, field: string, edge: string, match: (args: Args) => boolean = () => true) {
  for (const connection of connections(cache, field, match)) {
    const pageInfo = cache.resolve(connection, 'pageInfo')
    if (!isKey(pageInfo) || cache.resolve(pageInfo, 'hasNextPage') !== false) continue
    const edges = edgesOf(cache, connection)
    if (edges && !edges.includes(edge)) cache.link(connection, 'edges', [...edges, edge])
  }
}

function invalidateField(cache: Cache, field: string, match: (args: Args) => boolean = () => true) {
  for (const info of cache.inspectFields('Query')) {
    if (info.fieldName === field && match(info.arguments ?? {})) cache.invalidate('Query', info.fieldName, info.arguments ?? undefined)
  }
}

function meKey(cache: Cache): string | null {
  const me = cache.resolve('Query', 'me')
  return isKey(me) ? me : null
}

/** Merges new balances (an event may carry only the currencies it changed) into the viewer's. */
function mergeBalances(cache: Cache, balances: readonly Balance[]) {
  const me = meKey(cache)
  if (!me) return
  const current = cache.readFragment(USER_BALANCES, me) as { id: string; balances: Balance[] } | null
  if (!current) return
  const merged = new Map(current.balances.map((b) => [b.currency, b]))
  for (const b of balances) merged.set(b.currency, b)
  cache.writeFragment(USER_BALANCES, {
    __typename: 'User',
    id: current.id,
    balances: [...merged.values()].map((b) => ({ __typename: 'Balance', currency: b.currency, amount: b.amount })),
  })
}

/** A new transfer of the viewer: at the top of the history; the inventory when it moved an item. */
function addTransfer(cache: Cache, transfer: TransferFieldsFragment) {
  cache.writeFragment(TRANSFER_EDGE, { __typename: 'TransferEdge', cursor: `live:${transfer.id}`, node: transfer })
  const edge = cache.keyOfEntity({ __typename: 'TransferEdge', node: transfer } as Data)
  if (edge) prependEdge(cache, 'myTransfers', edge)
  const me = meKey(cache)
  if (me && transfer.asset.startsWith('item:')) cache.invalidate(me, 'inventory')
}

function addNotification(cache: Cache, notification: NotificationFieldsFragment) {
  cache.writeFragment(NOTIFICATION_EDGE, { __typename: 'NotificationEdge', cursor: `live:${notification.id}`, node: notification })
  const edge = cache.keyOfEntity({ __typename: 'NotificationEdge', node: notification } as Data)
  if (edge) prependEdge(cache, 'notifications', edge)
  invalidateField(cache, 'notifications', (args) => args?.unreadOnly === true)
}

function addItem(cache: Cache, item: ItemFieldsFragment) {
  cache.writeFragment(ITEM_EDGE, { __typename: 'ItemEdge', cursor: `live:${item.id}`, node: item })
  const edge = cache.keyOfEntity({ __typename: 'ItemEdge', node: item } as Data)
  if (edge) appendEdge(cache, 'shopItems', edge, (args) => item.active || args?.includeInactive === true)
}

/** A friends mutation that succeeded: the lists it may change are read again. */
function friendsChanged(result: Data, _args: unknown, cache: Cache) {
  const payload = Object.values(result)[0] as { errors?: unknown[] } | null | undefined
  if (!payload || payload.errors?.length) return
  for (const field of ['friends', 'friendRequests', 'blockedUsers', 'friendsActivity']) invalidateField(cache, field)
}

/** An auction mutation that succeeded: the wallet, the inventory, the history and the auction lists
 * are read again (the auction itself is updated by its id, and live by auctionChanged). */
function auctionMutated(result: Data, _args: unknown, cache: Cache) {
  const payload = Object.values(result)[0] as { errors?: unknown[] } | null | undefined
  if (!payload || payload.errors?.length) return
  const me = meKey(cache)
  if (me) {
    cache.invalidate(me, 'balances')
    cache.invalidate(me, 'inventory')
  }
  invalidateField(cache, 'myTransfers', (args) => !args?.after)
  invalidateField(cache, 'auctions', (args) => !args?.after)
}

/** A tournament mutation that succeeded: the wallet, the history and the tournament lists are read
 * again (the tournament itself is updated by its id, and live by tournamentChanged). */
function tournamentMutated(result: Data, _args: unknown, cache: Cache) {
  const payload = Object.values(result)[0] as { errors?: unknown[] } | null | undefined
  if (!payload || payload.errors?.length) return
  const me = meKey(cache)
  if (me) cache.invalidate(me, 'balances')
  invalidateField(cache, 'myTransfers', (args) => !args?.after)
  invalidateField(cache, 'tournaments', (args) => !args?.after)
}

/** A bank mutation that succeeded: the wallet, its history and the bank's lists are read again. */
function bankChanged(result: Data, _args: unknown, cache: Cache) {
  const payload = Object.values(result)[0] as { errors?: unknown[] } | null | undefined
  if (!payload || payload.errors?.length) return
  const me = meKey(cache)
  if (me) cache.invalidate(me, 'balances')
  invalidateField(cache, 'myTransfers', (args) => !args?.after)
  for (const field of ['myDeposits', 'myLoans', 'myCreditScore']) invalidateField(cache, field)
}

/** A trade mutation that succeeded: offers, the wallet, the inventory and the history are read again. */
function tradeChanged(result: Data, _args: unknown, cache: Cache) {
  const payload = Object.values(result)[0] as { errors?: unknown[] } | null | undefined
  if (!payload || payload.errors?.length) return
  const me = meKey(cache)
  if (me) {
    cache.invalidate(me, 'balances')
    cache.invalidate(me, 'inventory')
  }
  invalidateField(cache, 'myTransfers', (args) => !args?.after)
  invalidateField(cache, 'tradeOffers', (args) => !args?.after)
}

/** A battle pass purchase: the pass, the balances, the items and the history changed. */
function battlePassChanged(result: Data, _args: Args, cache: Cache) {
  const payload = Object.values(result)[0] as { battlePass?: unknown } | null | undefined
  if (!payload?.battlePass) return
  cache.invalidate('Query', 'battlePass')
  const me = meKey(cache)
  if (me) {
    cache.invalidate(me, 'balances')
    cache.invalidate(me, 'inventory')
  }
  invalidateField(cache, 'myTransfers', (args) => !args?.after)
}

/** A game mutation that succeeded: the open games, the viewer's game and statistics are read again
 * (the session itself is updated by its id, and live by gameEvents). */
function gamesChanged(result: Data, _args: unknown, cache: Cache) {
  const payload = Object.values(result)[0] as { errors?: unknown[] } | null | undefined
  if (!payload || payload.errors?.length) return
  for (const field of ['games', 'myGame', 'myGameStats']) invalidateField(cache, field)
}

const notificationPages = relayPagination()

const byNode = (data: Data) => {
  const node = data.node as { id?: string | number } | null | undefined
  return node?.id !== undefined && node.id !== null ? String(node.id) : null
}
const embedded = () => null

/**
 * The normalized cache's configuration: entities by id, edges by their node, Relay pagination
 * for every connection ("load more" merges pages), and how each mutation and live event changes
 * what is cached, so no query needs `additionalTypenames` or a refetch to stay current.
 */
export const cacheOptions: CacheExchangeOpts = {
  keys: {
    TransferEdge: byNode,
    // Leaderboards: derived standings, stored under the leaderboard(board, period) field.
    Leaderboard: embedded,
    LeaderboardEntry: embedded,
    LeaderboardViewer: embedded,
    GiftEdge: byNode,
    TradeOfferEdge: byNode,
    TradeOfferConnection: embedded,
    TradeGood: embedded,
    AuctionEdge: byNode,
    AuctionConnection: embedded,
    TournamentEdge: byNode,
    TournamentConnection: embedded,
    TournamentEntry: embedded,
    TournamentReport: embedded,
    GdStanding: embedded,
    ChatChannel: embedded,
    ChatMuteInfo: embedded,
    LinkWidget: embedded,
    GdSubmissionEdge: byNode,
    GdSubmissionConnection: embedded,
    NotificationEdge: byNode,
    ItemEdge: byNode,
    AuditEntryEdge: byNode,
    Balance: embedded,
    InventoryEntry: embedded,
    AssetSupply: embedded,
    PageInfo: embedded,
    // Mini-games: players, statistics and live events live under their session or query field.
    GameSessionEdge: byNode,
    GameSessionConnection: embedded,
    GamePlayer: embedded,
    GameStats: embedded,
    GameEvent: embedded,
    // Levels, loyalty and the daily bonus: one per player, stored under their query fields.
    Progress: embedded,
    LoyaltyTier: embedded,
    XpToday: embedded,
    LevelStep: embedded,
    XpRule: embedded,
    Streak: embedded,
    DailyMilestone: embedded,
    DailyClaim: embedded,
    // Battle pass: the viewer's pass, its 100-level track and past seasons, under their query fields.
    BattlePass: embedded,
    BattlePassLevel: embedded,
    BattlePassReward: embedded,
    BattlePassArchived: embedded,
    // Quests: each player's view (status, progress) of a quest, and the admins' graph: not shared.
    Quest: embedded,
    QuestObjective: embedded,
    QuestReward: embedded,
    QuestNode: embedded,
    QuestGraph: embedded,
    QuestBranch: embedded,
    // Challenges: the streaks and their milestones are the viewer's, stored under challengeStreak(period).
    ChallengeStreak: embedded,
    ChallengeMilestone: embedded,
    // Achievements: the viewer's (or a profile's) view, stored under their query fields.
    Achievement: embedded,
    AchievementTier: embedded,
    AchievementRequirement: embedded,
    // Seasonal events: shop entries, progress and limited editions live under their event.
    SeasonalShopItem: embedded,
    SeasonalProgress: embedded,
    SeasonalLimitedEdition: embedded,
    TransferConnection: embedded,
    GiftConnection: embedded,
    NotificationConnection: embedded,
    ItemConnection: embedded,
    AuditEntryConnection: embedded,
    WalletChange: embedded,
    DiceRollEdge: byNode,
    DndSessionEdge: byNode,
    DndLogEntryEdge: byNode,
    DiceTerm: embedded,
    DndInventoryItem: embedded,
    DiceRollConnection: embedded,
    DndSessionConnection: embedded,
    DndLogConnection: embedded,
    LoanInstallment: embedded,
    CreditScore: embedded,
    // An item's daily prices (no id of their own): stored under the query's field.
    PricePointConnection: embedded,
    PricePointEdge: embedded,
    PricePoint: embedded,
    Friend: embedded,
    // Clans: members, the clan board and goal templates live under their clan or query field.
    ClanMember: embedded,
    ClanEdge: byNode,
    ClanConnection: embedded,
    ClanLeaderboard: embedded,
    ClanLeaderboardEntry: embedded,
    ClanGoalTemplate: embedded,
    BlockedUser: embedded,
    // Referrals: the code, the stats and milestones are the viewer's, stored under their fields.
    ReferralCode: embedded,
    ReferralStats: embedded,
    ReferralMilestone: embedded,
    ReferralEdge: byNode,
    ReferralConnection: embedded,
  },
  resolvers: {
    Query: {
      myTransfers: relayPagination(),
      myGifts: relayPagination(),
      tradeOffers: relayPagination(),
      auctions: relayPagination(),
      tournaments: relayPagination(),
      myDiceRolls: relayPagination(),
      dndSessions: relayPagination(),
      shopItems: relayPagination(),
      games: relayPagination(),
      adminAuditLog: relayPagination(),
      referralsHeld: relayPagination(),
      notifications: (parent, args, cache, info) =>
        // The unread counter (first: 1, unreadOnly) is not a list: read it as it is.
        args?.unreadOnly ? cache.resolve(info.parentKey, info.fieldName, args) : notificationPages(parent, args, cache, info),
    },
  },
  updates: {
    Subscription: {
      walletChanged(result, _args, cache) {
        const event = (result as WalletChangedSubscription).walletChanged
        if (!event) return
        mergeBalances(cache, event.balances)
        if (event.transfer) addTransfer(cache, event.transfer)
        invalidateField(cache, 'adminEconomySupply')
      },
      notificationReceived(result, _args, cache) {
        const notification = (result as NotificationReceivedSubscription).notificationReceived
        if (notification) addNotification(cache, notification)
      },
    },
    Mutation: {
      gameCreate: gamesChanged,
      gameJoin: gamesChanged,
      gameStart: gamesChanged,
      gameLeave: gamesChanged,
      gameForfeit: gamesChanged,
      gameMove: gamesChanged,
      diceRoll(result, args, cache) {
        const payload = (result as DiceRollMutation).diceRoll
        if (!payload?.roll || (args as DiceRollMutationVariables).input.sessionId) return
        invalidateField(cache, 'myDiceRolls', (a) => !a?.after)
      },
      dndCharacterCreate(result, _args, cache) {
        if ((result as DndCharacterCreateMutation).dndCharacterCreate?.character) cache.invalidate('Query', 'dndCharacters')
      },
      dndSessionCreate(result, _args, cache) {
        if (!(result as DndSessionCreateMutation).dndSessionCreate?.session) return
        invalidateField(cache, 'dndSessions', (a) => !a?.after)
        cache.invalidate('Query', 'dndCampaigns')
      },
      dndCampaignCreate(result, _args, cache) {
        if ((result as DndCampaignCreateMutation).dndCampaignCreate?.campaign) cache.invalidate('Query', 'dndCampaigns')
      },
      walletTransfer(result, _args, cache) {
        const payload = (result as WalletTransferMutation).walletTransfer
        if (!payload || payload.errors.length) return
        if (payload.balances) mergeBalances(cache, payload.balances)
        if (payload.transfer) addTransfer(cache, payload.transfer)
      },
      shopPurchase(result, _args, cache) {
        const payload = (result as ShopPurchaseMutation).shopPurchase
        if (!payload || payload.errors.length) return
        const me = meKey(cache)
        if (me) {
          cache.invalidate(me, 'balances')
          cache.invalidate(me, 'inventory')
        }
        invalidateField(cache, 'myTransfers', (args) => !args?.after)
      },
      friendRequestSend: friendsChanged,
      friendRequestAccept: friendsChanged,
      friendRequestDecline: friendsChanged,
      friendRemove: friendsChanged,
      userBlock: friendsChanged,
      userUnblock: friendsChanged,
      auctionCreate: auctionMutated,
      auctionBid: auctionMutated,
      auctionEnd: auctionMutated,
      auctionCancel: auctionMutated,
      tournamentCreate: tournamentMutated,
      tournamentJoin: tournamentMutated,
      tournamentLeave: tournamentMutated,
      tournamentStart: tournamentMutated,
      tournamentReportResult: tournamentMutated,
      tournamentForceAdvance: tournamentMutated,
      tournamentEnd: tournamentMutated,
      tournamentCancel: tournamentMutated,
      battlePassBuyPremium: battlePassChanged,
      battlePassBuyLevels: battlePassChanged,
      bankDeposit: bankChanged,
      bankWithdraw: bankChanged,
      loanRequest: bankChanged,
      loanRepay: bankChanged,
      dailyClaim(result, _args, cache) {
        const payload = (result as DailyClaimMutation).dailyClaim
        if (!payload?.claim) return
        const me = meKey(cache)
        if (me) cache.invalidate(me, 'balances')
        invalidateField(cache, 'myTransfers', (args) => !args?.after)
        cache.invalidate('Query', 'myStreak')
      },
      tradeOfferCreate: tradeChanged,
      tradeOfferCounter: tradeChanged,
      tradeOfferAccept: tradeChanged,
      tradeOfferDecline: tradeChanged,
      tradeOfferCancel: tradeChanged,
      giftSend(result, _args, cache) {
        const payload = (result as GiftSendMutation).giftSend
        if (!payload || payload.errors.length) return
        const me = meKey(cache)
        if (me) {
          cache.invalidate(me, 'balances')
          cache.invalidate(me, 'inventory')
        }
        invalidateField(cache, 'myTransfers', (args) => !args?.after)
        invalidateField(cache, 'myGifts', (args) => !args?.after)
        cache.invalidate('Query', 'giftsLeftToday')
      },
      walletGrant(_result, _args, cache) {
        invalidateField(cache, 'adminEconomySupply')
        invalidateField(cache, 'adminAuditLog', (args) => !args?.after)
      },
      shopItemCreate(result, _args, cache) {
        const payload = (result as ShopItemCreateMutation).shopItemCreate
        if (payload?.item) addItem(cache, payload.item)
        invalidateField(cache, 'adminAuditLog', (args) => !args?.after)
      },
      perkItemCreate(result, _args, cache) {
        const payload = (result as PerkItemCreateMutation).perkItemCreate
        if (payload?.item) addItem(cache, payload.item)
        invalidateField(cache, 'adminAuditLog', (args) => !args?.after)
      },
      shopItemUpdate(_result, _args, cache) {
        invalidateField(cache, 'adminAuditLog', (args) => !args?.after)
      },
      notificationMarkRead(result, args, cache) {
        const payload = (result as NotificationMarkReadMutation).notificationMarkRead
        if (!payload || payload.errors.length) return
        const input = (args as NotificationMarkReadMutationVariables).input
        const readAt = new Date().toISOString()
        const ids = input.all
          ? connections(cache, 'notifications', () => true).flatMap((c) => edgesOf(cache, c) ?? []).map((edge) => cache.resolve(cache.resolve(edge, 'node') as string, 'id'))
          : (input.ids ?? [])
        for (const id of new Set(ids)) {
          if (id !== null && id !== undefined) cache.writeFragment(NOTIFICATION_READ, { __typename: 'Notification', id: String(id), readAt })
        }
        invalidateField(cache, 'notifications', (a) => a?.unreadOnly === true)
      },
    },
  },
}

export const graphCache = () => cacheExchange(cacheOptions)
