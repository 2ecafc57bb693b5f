/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AdminAuditLog($first: Int! = 20, $after: String) {\n  adminAuditLog(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        seq\n        at\n        actorId\n        action\n        subject\n        data\n        hash\n        prevHash\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    chainValid\n  }\n}": typeof types.AdminAuditLogDocument,
    "query AdminEconomySupply {\n  adminEconomySupply {\n    asset\n    minted\n    burned\n    held\n    fees\n    escrow\n    other\n    balanced\n  }\n}": typeof types.AdminEconomySupplyDocument,
    "mutation AuthLogin($input: AuthLoginInput!) {\n  authLogin(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.AuthLoginDocument,
    "mutation AuthLogout($input: AuthLogoutInput!) {\n  authLogout(input: $input) {\n    ok\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.AuthLogoutDocument,
    "mutation AuthRefresh($input: AuthRefreshInput!) {\n  authRefresh(input: $input) {\n    accessToken\n    refreshToken\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.AuthRefreshDocument,
    "mutation AuthRegister($input: AuthRegisterInput!) {\n  authRegister(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.AuthRegisterDocument,
    "query MyInventory {\n  me {\n    id\n    inventory {\n      quantity\n      item {\n        ...ItemFields\n      }\n    }\n  }\n}": typeof types.MyInventoryDocument,
    "fragment NotificationFields on Notification {\n  id\n  kind\n  title\n  body\n  data\n  createdAt\n  readAt\n}": typeof types.NotificationFieldsFragmentDoc,
    "mutation NotificationMarkRead($input: NotificationMarkReadInput!) {\n  notificationMarkRead(input: $input) {\n    count\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.NotificationMarkReadDocument,
    "subscription NotificationReceived {\n  notificationReceived {\n    ...NotificationFields\n  }\n}": typeof types.NotificationReceivedDocument,
    "query Notifications($first: Int! = 20, $after: String, $unreadOnly: Boolean! = false) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    edges {\n      cursor\n      node {\n        ...NotificationFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.NotificationsDocument,
    "query UnreadCount {\n  notifications(first: 1, unreadOnly: true) {\n    unreadCount\n  }\n}": typeof types.UnreadCountDocument,
    "fragment ItemFields on Item {\n  id\n  name\n  description\n  price\n  basePrice\n  minPrice\n  maxPrice\n  priceTrend\n  pinned\n  currency\n  stock\n  perUserLimit\n  cooldownSeconds\n  tradeable\n  active\n}": typeof types.ItemFieldsFragmentDoc,
    "mutation ShopItemCreate($input: ShopItemCreateInput!) {\n  shopItemCreate(input: $input) {\n    item {\n      ...ItemFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.ShopItemCreateDocument,
    "mutation ShopItemUpdate($input: ShopItemUpdateInput!) {\n  shopItemUpdate(input: $input) {\n    item {\n      ...ItemFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.ShopItemUpdateDocument,
    "query ShopItems($first: Int! = 20, $after: String, $includeInactive: Boolean! = false) {\n  shopItems(first: $first, after: $after, includeInactive: $includeInactive) {\n    edges {\n      cursor\n      node {\n        ...ItemFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.ShopItemsDocument,
    "mutation ShopPurchase($input: ShopPurchaseInput!) {\n  shopPurchase(input: $input) {\n    item {\n      ...ItemFields\n    }\n    quantity\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.ShopPurchaseDocument,
    "query Me {\n  me {\n    id\n    username\n    role\n    createdAt\n    telegramLinked\n    balances {\n      currency\n      amount\n    }\n  }\n}": typeof types.MeDocument,
    "query UserByUsername($username: String!) {\n  userByUsername(username: $username) {\n    id\n    username\n  }\n}": typeof types.UserByUsernameDocument,
    "query MyTransfers($first: Int! = 20, $after: String) {\n  myTransfers(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...TransferFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.MyTransfersDocument,
    "fragment TransferFields on Transfer {\n  id\n  kind\n  asset\n  assetName\n  amount\n  direction\n  counterparty\n  counterpartyKind\n  counterpartySource\n  memo\n  createdAt\n}": typeof types.TransferFieldsFragmentDoc,
    "subscription WalletChanged {\n  walletChanged {\n    balances {\n      currency\n      amount\n    }\n    transfer {\n      ...TransferFields\n    }\n  }\n}": typeof types.WalletChangedDocument,
    "mutation WalletGrant($input: WalletGrantInput!) {\n  walletGrant(input: $input) {\n    transfer {\n      ...TransferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.WalletGrantDocument,
    "mutation WalletTransfer($input: WalletTransferInput!) {\n  walletTransfer(input: $input) {\n    transfer {\n      ...TransferFields\n    }\n    balances {\n      currency\n      amount\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.WalletTransferDocument,
    "mutation BankDeposit($input: BankDepositInput!) {\n  bankDeposit(input: $input) {\n    deposit {\n      ...DepositFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.BankDepositDocument,
    "fragment DepositFields on Deposit {\n  id\n  currency\n  principal\n  balance\n  accruedInterest\n  termDays\n  status\n  openedAt\n  maturesAt\n  closedAt\n  payout\n  penalty\n}\n\nfragment LoanFields on Loan {\n  id\n  currency\n  principal\n  outstanding\n  rate\n  total\n  termDays\n  status\n  missedInstallments\n  lateFees\n  openedAt\n  closedAt\n  schedule {\n    day\n    dueAt\n    amount\n    paid\n    fee\n    status\n  }\n  nextInstallment {\n    day\n    dueAt\n    amount\n  }\n}\n\nfragment CreditScoreFields on CreditScore {\n  score\n  rate\n  limit\n  minimumScore\n  balance\n  accountAgeDays\n  activity\n  installmentsPaid\n  loansRepaid\n  installmentsMissed\n}": typeof types.DepositFieldsFragmentDoc,
    "mutation BankWithdraw($input: BankWithdrawInput!) {\n  bankWithdraw(input: $input) {\n    deposit {\n      ...DepositFields\n    }\n    payout\n    penalty\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.BankWithdrawDocument,
    "mutation LoanRepay($input: LoanRepayInput!) {\n  loanRepay(input: $input) {\n    loan {\n      ...LoanFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.LoanRepayDocument,
    "mutation LoanRequest($input: LoanRequestInput!) {\n  loanRequest(input: $input) {\n    loan {\n      ...LoanFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.LoanRequestDocument,
    "query MyBank {\n  myDeposits {\n    ...DepositFields\n  }\n  myLoans {\n    ...LoanFields\n  }\n  myCreditScore {\n    ...CreditScoreFields\n  }\n}": typeof types.MyBankDocument,
    "mutation DiceRoll($input: DiceRollInput!) {\n  diceRoll(input: $input) {\n    roll {\n      ...DiceRollFields\n      sessionId\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DiceRollDocument,
    "fragment DiceRollFields on DiceRoll {\n  id\n  notation\n  total\n  rolls\n  reason\n  createdAt\n  roller {\n    id\n    username\n  }\n  terms {\n    notation\n    negative\n    sides\n    rolls\n    kept\n    subtotal\n  }\n}": typeof types.DiceRollFieldsFragmentDoc,
    "mutation DndCharacterCreate($input: DndCharacterCreateInput!) {\n  dndCharacterCreate(input: $input) {\n    character {\n      ...DndCharacterFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndCharacterCreateDocument,
    "fragment DndCharacterFields on DndCharacter {\n  id\n  name\n  characterClass\n  race\n  level\n  strength\n  dexterity\n  constitution\n  intelligence\n  wisdom\n  charisma\n  maxHp\n  hitDie\n  backstory\n  inventory {\n    name\n    quantity\n    note\n  }\n}": typeof types.DndCharacterFieldsFragmentDoc,
    "mutation DndCharacterUpdate($input: DndCharacterUpdateInput!) {\n  dndCharacterUpdate(input: $input) {\n    character {\n      ...DndCharacterFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndCharacterUpdateDocument,
    "query DndCharacters {\n  dndCharacters {\n    ...DndCharacterFields\n  }\n}": typeof types.DndCharactersDocument,
    "mutation DndHpChange($input: DndHpChangeInput!) {\n  dndHpChange(input: $input) {\n    participant {\n      id\n      hp\n      maxHp\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndHpChangeDocument,
    "mutation DndItemGive($input: DndItemGiveInput!) {\n  dndItemGive(input: $input) {\n    character {\n      id\n      inventory {\n        name\n        quantity\n        note\n      }\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndItemGiveDocument,
    "fragment DndLogEntryFields on DndLogEntry {\n  id\n  kind\n  user {\n    id\n    username\n  }\n  participantId\n  participantName\n  amount\n  hp\n  maxHp\n  status\n  active\n  item\n  reason\n  createdAt\n  roll {\n    id\n    notation\n    total\n    rolls\n    terms {\n      notation\n      negative\n      sides\n      rolls\n      kept\n      subtotal\n    }\n  }\n}": typeof types.DndLogEntryFieldsFragmentDoc,
    "mutation DndNoteAdd($input: DndNoteAddInput!) {\n  dndNoteAdd(input: $input) {\n    note {\n      id\n      text\n      createdAt\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndNoteAddDocument,
    "mutation DndNpcAdd($input: DndNpcAddInput!) {\n  dndNpcAdd(input: $input) {\n    participant {\n      id\n      name\n      hp\n      maxHp\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndNpcAddDocument,
    "query DndSession($id: ID!) {\n  dndSession(id: $id) {\n    id\n    name\n    status\n    isDm\n    createdAt\n    endedAt\n    dm {\n      id\n      username\n    }\n    participants {\n      id\n      name\n      isNpc\n      hp\n      maxHp\n      statuses\n      player {\n        id\n        username\n      }\n      character {\n        id\n        characterClass\n        race\n      }\n    }\n    notes {\n      id\n      text\n      createdAt\n    }\n    log(first: 50) {\n      edges {\n        cursor\n        node {\n          ...DndLogEntryFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.DndSessionDocument,
    "mutation DndSessionCreate($input: DndSessionCreateInput!) {\n  dndSessionCreate(input: $input) {\n    session {\n      id\n      name\n      status\n      isDm\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndSessionCreateDocument,
    "mutation DndSessionEnd($input: DndSessionInput!) {\n  dndSessionEnd(input: $input) {\n    session {\n      id\n      status\n      endedAt\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndSessionEndDocument,
    "subscription DndSessionEvents($sessionId: ID!) {\n  dndSessionEvents(sessionId: $sessionId) {\n    ...DndLogEntryFields\n  }\n}": typeof types.DndSessionEventsDocument,
    "mutation DndSessionJoin($input: DndSessionJoinInput!) {\n  dndSessionJoin(input: $input) {\n    participant {\n      id\n      hp\n      maxHp\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndSessionJoinDocument,
    "query DndSessions($first: Int!, $after: String) {\n  dndSessions(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        status\n        isDm\n        createdAt\n        dm {\n          id\n          username\n        }\n        participants {\n          id\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.DndSessionsDocument,
    "mutation DndStatusSet($input: DndStatusSetInput!) {\n  dndStatusSet(input: $input) {\n    participant {\n      id\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DndStatusSetDocument,
    "query MyDiceRolls($first: Int!, $after: String) {\n  myDiceRolls(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...DiceRollFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.MyDiceRollsDocument,
    "mutation FriendRequestSend($input: FriendUserInput!) {\n  friendRequestSend(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRequestAccept($input: FriendRequestInput!) {\n  friendRequestAccept(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRequestDecline($input: FriendRequestInput!) {\n  friendRequestDecline(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRemove($input: FriendUserInput!) {\n  friendRemove(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation UserBlock($input: FriendUserInput!) {\n  userBlock(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation UserUnblock($input: FriendUserInput!) {\n  userUnblock(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.FriendRequestSendDocument,
    "query FriendsPage {\n  friends {\n    online\n    since\n    user {\n      id\n      username\n    }\n  }\n  incoming: friendRequests(direction: INCOMING) {\n    ...FriendRequestFields\n  }\n  outgoing: friendRequests(direction: OUTGOING) {\n    ...FriendRequestFields\n  }\n  blockedUsers {\n    blockedAt\n    user {\n      id\n      username\n    }\n  }\n}\n\nquery FriendsActivity($first: Int!) {\n  friendsActivity(first: $first) {\n    id\n    kind\n    at\n    itemName\n    user {\n      id\n      username\n    }\n  }\n}\n\nfragment FriendRequestFields on FriendRequest {\n  id\n  status\n  createdAt\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n}": typeof types.FriendsPageDocument,
    "fragment GiftFields on Gift {\n  id\n  amount\n  currency\n  item {\n    id\n    name\n  }\n  message\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  createdAt\n}": typeof types.GiftFieldsFragmentDoc,
    "mutation GiftSend($input: GiftSendInput!) {\n  giftSend(input: $input) {\n    gift {\n      ...GiftFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.GiftSendDocument,
    "query MyGifts($first: Int!, $after: String) {\n  myGifts(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...GiftFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  giftsLeftToday\n}": typeof types.MyGiftsDocument,
    "mutation DailyClaim($input: DailyClaimInput!) {\n  dailyClaim(input: $input) {\n    claim {\n      amount\n      streak\n      day\n      milestoneBonus\n      tierBonus\n      graced\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.DailyClaimDocument,
    "query MyProgression {\n  myProgress {\n    level\n    xp\n    levelStartXp\n    nextLevelXp\n    claims\n    engagement\n    tier {\n      name\n      engagement\n      extraGifts\n      dailyBonusPercent\n    }\n    nextTier {\n      name\n      engagement\n      extraGifts\n      dailyBonusPercent\n    }\n    xpToday {\n      kind\n      xp\n      dailyCap\n    }\n  }\n  myStreak {\n    current\n    best\n    lastDay\n    claimedToday\n    graceAvailable\n    nextAmount\n    nextMilestone\n    milestones {\n      days\n      bonus\n      reached\n    }\n  }\n}": typeof types.MyProgressionDocument,
    "query ShopItemPriceHistory($itemId: ID!, $first: Int! = 14) {\n  shopItemPriceHistory(itemId: $itemId, first: $first) {\n    edges {\n      cursor\n      node {\n        day\n        price\n        previousPrice\n        trend\n        purchases\n      }\n    }\n  }\n}": typeof types.ShopItemPriceHistoryDocument,
    "mutation TradeOfferAccept($input: TradeOfferInput!) {\n  tradeOfferAccept(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.TradeOfferAcceptDocument,
    "mutation TradeOfferCancel($input: TradeOfferInput!) {\n  tradeOfferCancel(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.TradeOfferCancelDocument,
    "mutation TradeOfferCounter($input: TradeOfferCounterInput!) {\n  tradeOfferCounter(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.TradeOfferCounterDocument,
    "mutation TradeOfferCreate($input: TradeOfferCreateInput!) {\n  tradeOfferCreate(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.TradeOfferCreateDocument,
    "mutation TradeOfferDecline($input: TradeOfferInput!) {\n  tradeOfferDecline(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.TradeOfferDeclineDocument,
    "fragment TradeOfferFields on TradeOffer {\n  id\n  status\n  incoming\n  lopsided\n  giveValue\n  wantValue\n  message\n  counterOf\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  give {\n    currency\n    amount\n    fee\n    item {\n      id\n      name\n    }\n  }\n  want {\n    currency\n    amount\n    fee\n    item {\n      id\n      name\n    }\n  }\n  createdAt\n  expiresAt\n  closedAt\n}": typeof types.TradeOfferFieldsFragmentDoc,
    "query TradeOffers($first: Int!, $after: String, $status: TradeOfferStatus) {\n  tradeOffers(first: $first, after: $after, status: $status) {\n    edges {\n      cursor\n      node {\n        ...TradeOfferFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.TradeOffersDocument,
};
const documents: Documents = {
    "query AdminAuditLog($first: Int! = 20, $after: String) {\n  adminAuditLog(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        seq\n        at\n        actorId\n        action\n        subject\n        data\n        hash\n        prevHash\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    chainValid\n  }\n}": types.AdminAuditLogDocument,
    "query AdminEconomySupply {\n  adminEconomySupply {\n    asset\n    minted\n    burned\n    held\n    fees\n    escrow\n    other\n    balanced\n  }\n}": types.AdminEconomySupplyDocument,
    "mutation AuthLogin($input: AuthLoginInput!) {\n  authLogin(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.AuthLoginDocument,
    "mutation AuthLogout($input: AuthLogoutInput!) {\n  authLogout(input: $input) {\n    ok\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.AuthLogoutDocument,
    "mutation AuthRefresh($input: AuthRefreshInput!) {\n  authRefresh(input: $input) {\n    accessToken\n    refreshToken\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.AuthRefreshDocument,
    "mutation AuthRegister($input: AuthRegisterInput!) {\n  authRegister(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.AuthRegisterDocument,
    "query MyInventory {\n  me {\n    id\n    inventory {\n      quantity\n      item {\n        ...ItemFields\n      }\n    }\n  }\n}": types.MyInventoryDocument,
    "fragment NotificationFields on Notification {\n  id\n  kind\n  title\n  body\n  data\n  createdAt\n  readAt\n}": types.NotificationFieldsFragmentDoc,
    "mutation NotificationMarkRead($input: NotificationMarkReadInput!) {\n  notificationMarkRead(input: $input) {\n    count\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.NotificationMarkReadDocument,
    "subscription NotificationReceived {\n  notificationReceived {\n    ...NotificationFields\n  }\n}": types.NotificationReceivedDocument,
    "query Notifications($first: Int! = 20, $after: String, $unreadOnly: Boolean! = false) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    edges {\n      cursor\n      node {\n        ...NotificationFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.NotificationsDocument,
    "query UnreadCount {\n  notifications(first: 1, unreadOnly: true) {\n    unreadCount\n  }\n}": types.UnreadCountDocument,
    "fragment ItemFields on Item {\n  id\n  name\n  description\n  price\n  basePrice\n  minPrice\n  maxPrice\n  priceTrend\n  pinned\n  currency\n  stock\n  perUserLimit\n  cooldownSeconds\n  tradeable\n  active\n}": types.ItemFieldsFragmentDoc,
    "mutation ShopItemCreate($input: ShopItemCreateInput!) {\n  shopItemCreate(input: $input) {\n    item {\n      ...ItemFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.ShopItemCreateDocument,
    "mutation ShopItemUpdate($input: ShopItemUpdateInput!) {\n  shopItemUpdate(input: $input) {\n    item {\n      ...ItemFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.ShopItemUpdateDocument,
    "query ShopItems($first: Int! = 20, $after: String, $includeInactive: Boolean! = false) {\n  shopItems(first: $first, after: $after, includeInactive: $includeInactive) {\n    edges {\n      cursor\n      node {\n        ...ItemFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.ShopItemsDocument,
    "mutation ShopPurchase($input: ShopPurchaseInput!) {\n  shopPurchase(input: $input) {\n    item {\n      ...ItemFields\n    }\n    quantity\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.ShopPurchaseDocument,
    "query Me {\n  me {\n    id\n    username\n    role\n    createdAt\n    telegramLinked\n    balances {\n      currency\n      amount\n    }\n  }\n}": types.MeDocument,
    "query UserByUsername($username: String!) {\n  userByUsername(username: $username) {\n    id\n    username\n  }\n}": types.UserByUsernameDocument,
    "query MyTransfers($first: Int! = 20, $after: String) {\n  myTransfers(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...TransferFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.MyTransfersDocument,
    "fragment TransferFields on Transfer {\n  id\n  kind\n  asset\n  assetName\n  amount\n  direction\n  counterparty\n  counterpartyKind\n  counterpartySource\n  memo\n  createdAt\n}": types.TransferFieldsFragmentDoc,
    "subscription WalletChanged {\n  walletChanged {\n    balances {\n      currency\n      amount\n    }\n    transfer {\n      ...TransferFields\n    }\n  }\n}": types.WalletChangedDocument,
    "mutation WalletGrant($input: WalletGrantInput!) {\n  walletGrant(input: $input) {\n    transfer {\n      ...TransferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.WalletGrantDocument,
    "mutation WalletTransfer($input: WalletTransferInput!) {\n  walletTransfer(input: $input) {\n    transfer {\n      ...TransferFields\n    }\n    balances {\n      currency\n      amount\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.WalletTransferDocument,
    "mutation BankDeposit($input: BankDepositInput!) {\n  bankDeposit(input: $input) {\n    deposit {\n      ...DepositFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.BankDepositDocument,
    "fragment DepositFields on Deposit {\n  id\n  currency\n  principal\n  balance\n  accruedInterest\n  termDays\n  status\n  openedAt\n  maturesAt\n  closedAt\n  payout\n  penalty\n}\n\nfragment LoanFields on Loan {\n  id\n  currency\n  principal\n  outstanding\n  rate\n  total\n  termDays\n  status\n  missedInstallments\n  lateFees\n  openedAt\n  closedAt\n  schedule {\n    day\n    dueAt\n    amount\n    paid\n    fee\n    status\n  }\n  nextInstallment {\n    day\n    dueAt\n    amount\n  }\n}\n\nfragment CreditScoreFields on CreditScore {\n  score\n  rate\n  limit\n  minimumScore\n  balance\n  accountAgeDays\n  activity\n  installmentsPaid\n  loansRepaid\n  installmentsMissed\n}": types.DepositFieldsFragmentDoc,
    "mutation BankWithdraw($input: BankWithdrawInput!) {\n  bankWithdraw(input: $input) {\n    deposit {\n      ...DepositFields\n    }\n    payout\n    penalty\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.BankWithdrawDocument,
    "mutation LoanRepay($input: LoanRepayInput!) {\n  loanRepay(input: $input) {\n    loan {\n      ...LoanFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.LoanRepayDocument,
    "mutation LoanRequest($input: LoanRequestInput!) {\n  loanRequest(input: $input) {\n    loan {\n      ...LoanFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.LoanRequestDocument,
    "query MyBank {\n  myDeposits {\n    ...DepositFields\n  }\n  myLoans {\n    ...LoanFields\n  }\n  myCreditScore {\n    ...CreditScoreFields\n  }\n}": types.MyBankDocument,
    "mutation DiceRoll($input: DiceRollInput!) {\n  diceRoll(input: $input) {\n    roll {\n      ...DiceRollFields\n      sessionId\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DiceRollDocument,
    "fragment DiceRollFields on DiceRoll {\n  id\n  notation\n  total\n  rolls\n  reason\n  createdAt\n  roller {\n    id\n    username\n  }\n  terms {\n    notation\n    negative\n    sides\n    rolls\n    kept\n    subtotal\n  }\n}": types.DiceRollFieldsFragmentDoc,
    "mutation DndCharacterCreate($input: DndCharacterCreateInput!) {\n  dndCharacterCreate(input: $input) {\n    character {\n      ...DndCharacterFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndCharacterCreateDocument,
    "fragment DndCharacterFields on DndCharacter {\n  id\n  name\n  characterClass\n  race\n  level\n  strength\n  dexterity\n  constitution\n  intelligence\n  wisdom\n  charisma\n  maxHp\n  hitDie\n  backstory\n  inventory {\n    name\n    quantity\n    note\n  }\n}": types.DndCharacterFieldsFragmentDoc,
    "mutation DndCharacterUpdate($input: DndCharacterUpdateInput!) {\n  dndCharacterUpdate(input: $input) {\n    character {\n      ...DndCharacterFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndCharacterUpdateDocument,
    "query DndCharacters {\n  dndCharacters {\n    ...DndCharacterFields\n  }\n}": types.DndCharactersDocument,
    "mutation DndHpChange($input: DndHpChangeInput!) {\n  dndHpChange(input: $input) {\n    participant {\n      id\n      hp\n      maxHp\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndHpChangeDocument,
    "mutation DndItemGive($input: DndItemGiveInput!) {\n  dndItemGive(input: $input) {\n    character {\n      id\n      inventory {\n        name\n        quantity\n        note\n      }\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndItemGiveDocument,
    "fragment DndLogEntryFields on DndLogEntry {\n  id\n  kind\n  user {\n    id\n    username\n  }\n  participantId\n  participantName\n  amount\n  hp\n  maxHp\n  status\n  active\n  item\n  reason\n  createdAt\n  roll {\n    id\n    notation\n    total\n    rolls\n    terms {\n      notation\n      negative\n      sides\n      rolls\n      kept\n      subtotal\n    }\n  }\n}": types.DndLogEntryFieldsFragmentDoc,
    "mutation DndNoteAdd($input: DndNoteAddInput!) {\n  dndNoteAdd(input: $input) {\n    note {\n      id\n      text\n      createdAt\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndNoteAddDocument,
    "mutation DndNpcAdd($input: DndNpcAddInput!) {\n  dndNpcAdd(input: $input) {\n    participant {\n      id\n      name\n      hp\n      maxHp\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndNpcAddDocument,
    "query DndSession($id: ID!) {\n  dndSession(id: $id) {\n    id\n    name\n    status\n    isDm\n    createdAt\n    endedAt\n    dm {\n      id\n      username\n    }\n    participants {\n      id\n      name\n      isNpc\n      hp\n      maxHp\n      statuses\n      player {\n        id\n        username\n      }\n      character {\n        id\n        characterClass\n        race\n      }\n    }\n    notes {\n      id\n      text\n      createdAt\n    }\n    log(first: 50) {\n      edges {\n        cursor\n        node {\n          ...DndLogEntryFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.DndSessionDocument,
    "mutation DndSessionCreate($input: DndSessionCreateInput!) {\n  dndSessionCreate(input: $input) {\n    session {\n      id\n      name\n      status\n      isDm\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndSessionCreateDocument,
    "mutation DndSessionEnd($input: DndSessionInput!) {\n  dndSessionEnd(input: $input) {\n    session {\n      id\n      status\n      endedAt\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndSessionEndDocument,
    "subscription DndSessionEvents($sessionId: ID!) {\n  dndSessionEvents(sessionId: $sessionId) {\n    ...DndLogEntryFields\n  }\n}": types.DndSessionEventsDocument,
    "mutation DndSessionJoin($input: DndSessionJoinInput!) {\n  dndSessionJoin(input: $input) {\n    participant {\n      id\n      hp\n      maxHp\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndSessionJoinDocument,
    "query DndSessions($first: Int!, $after: String) {\n  dndSessions(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        status\n        isDm\n        createdAt\n        dm {\n          id\n          username\n        }\n        participants {\n          id\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.DndSessionsDocument,
    "mutation DndStatusSet($input: DndStatusSetInput!) {\n  dndStatusSet(input: $input) {\n    participant {\n      id\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DndStatusSetDocument,
    "query MyDiceRolls($first: Int!, $after: String) {\n  myDiceRolls(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...DiceRollFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.MyDiceRollsDocument,
    "mutation FriendRequestSend($input: FriendUserInput!) {\n  friendRequestSend(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRequestAccept($input: FriendRequestInput!) {\n  friendRequestAccept(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRequestDecline($input: FriendRequestInput!) {\n  friendRequestDecline(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRemove($input: FriendUserInput!) {\n  friendRemove(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation UserBlock($input: FriendUserInput!) {\n  userBlock(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation UserUnblock($input: FriendUserInput!) {\n  userUnblock(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.FriendRequestSendDocument,
    "query FriendsPage {\n  friends {\n    online\n    since\n    user {\n      id\n      username\n    }\n  }\n  incoming: friendRequests(direction: INCOMING) {\n    ...FriendRequestFields\n  }\n  outgoing: friendRequests(direction: OUTGOING) {\n    ...FriendRequestFields\n  }\n  blockedUsers {\n    blockedAt\n    user {\n      id\n      username\n    }\n  }\n}\n\nquery FriendsActivity($first: Int!) {\n  friendsActivity(first: $first) {\n    id\n    kind\n    at\n    itemName\n    user {\n      id\n      username\n    }\n  }\n}\n\nfragment FriendRequestFields on FriendRequest {\n  id\n  status\n  createdAt\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n}": types.FriendsPageDocument,
    "fragment GiftFields on Gift {\n  id\n  amount\n  currency\n  item {\n    id\n    name\n  }\n  message\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  createdAt\n}": types.GiftFieldsFragmentDoc,
    "mutation GiftSend($input: GiftSendInput!) {\n  giftSend(input: $input) {\n    gift {\n      ...GiftFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.GiftSendDocument,
    "query MyGifts($first: Int!, $after: String) {\n  myGifts(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...GiftFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  giftsLeftToday\n}": types.MyGiftsDocument,
    "mutation DailyClaim($input: DailyClaimInput!) {\n  dailyClaim(input: $input) {\n    claim {\n      amount\n      streak\n      day\n      milestoneBonus\n      tierBonus\n      graced\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.DailyClaimDocument,
    "query MyProgression {\n  myProgress {\n    level\n    xp\n    levelStartXp\n    nextLevelXp\n    claims\n    engagement\n    tier {\n      name\n      engagement\n      extraGifts\n      dailyBonusPercent\n    }\n    nextTier {\n      name\n      engagement\n      extraGifts\n      dailyBonusPercent\n    }\n    xpToday {\n      kind\n      xp\n      dailyCap\n    }\n  }\n  myStreak {\n    current\n    best\n    lastDay\n    claimedToday\n    graceAvailable\n    nextAmount\n    nextMilestone\n    milestones {\n      days\n      bonus\n      reached\n    }\n  }\n}": types.MyProgressionDocument,
    "query ShopItemPriceHistory($itemId: ID!, $first: Int! = 14) {\n  shopItemPriceHistory(itemId: $itemId, first: $first) {\n    edges {\n      cursor\n      node {\n        day\n        price\n        previousPrice\n        trend\n        purchases\n      }\n    }\n  }\n}": types.ShopItemPriceHistoryDocument,
    "mutation TradeOfferAccept($input: TradeOfferInput!) {\n  tradeOfferAccept(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.TradeOfferAcceptDocument,
    "mutation TradeOfferCancel($input: TradeOfferInput!) {\n  tradeOfferCancel(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.TradeOfferCancelDocument,
    "mutation TradeOfferCounter($input: TradeOfferCounterInput!) {\n  tradeOfferCounter(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.TradeOfferCounterDocument,
    "mutation TradeOfferCreate($input: TradeOfferCreateInput!) {\n  tradeOfferCreate(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.TradeOfferCreateDocument,
    "mutation TradeOfferDecline($input: TradeOfferInput!) {\n  tradeOfferDecline(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.TradeOfferDeclineDocument,
    "fragment TradeOfferFields on TradeOffer {\n  id\n  status\n  incoming\n  lopsided\n  giveValue\n  wantValue\n  message\n  counterOf\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  give {\n    currency\n    amount\n    fee\n    item {\n      id\n      name\n    }\n  }\n  want {\n    currency\n    amount\n    fee\n    item {\n      id\n      name\n    }\n  }\n  createdAt\n  expiresAt\n  closedAt\n}": types.TradeOfferFieldsFragmentDoc,
    "query TradeOffers($first: Int!, $after: String, $status: TradeOfferStatus) {\n  tradeOffers(first: $first, after: $after, status: $status) {\n    edges {\n      cursor\n      node {\n        ...TradeOfferFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.TradeOffersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminAuditLog($first: Int! = 20, $after: String) {\n  adminAuditLog(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        seq\n        at\n        actorId\n        action\n        subject\n        data\n        hash\n        prevHash\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    chainValid\n  }\n}"): (typeof documents)["query AdminAuditLog($first: Int! = 20, $after: String) {\n  adminAuditLog(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        seq\n        at\n        actorId\n        action\n        subject\n        data\n        hash\n        prevHash\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    chainValid\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminEconomySupply {\n  adminEconomySupply {\n    asset\n    minted\n    burned\n    held\n    fees\n    escrow\n    other\n    balanced\n  }\n}"): (typeof documents)["query AdminEconomySupply {\n  adminEconomySupply {\n    asset\n    minted\n    burned\n    held\n    fees\n    escrow\n    other\n    balanced\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthLogin($input: AuthLoginInput!) {\n  authLogin(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation AuthLogin($input: AuthLoginInput!) {\n  authLogin(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthLogout($input: AuthLogoutInput!) {\n  authLogout(input: $input) {\n    ok\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation AuthLogout($input: AuthLogoutInput!) {\n  authLogout(input: $input) {\n    ok\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthRefresh($input: AuthRefreshInput!) {\n  authRefresh(input: $input) {\n    accessToken\n    refreshToken\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation AuthRefresh($input: AuthRefreshInput!) {\n  authRefresh(input: $input) {\n    accessToken\n    refreshToken\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthRegister($input: AuthRegisterInput!) {\n  authRegister(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation AuthRegister($input: AuthRegisterInput!) {\n  authRegister(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyInventory {\n  me {\n    id\n    inventory {\n      quantity\n      item {\n        ...ItemFields\n      }\n    }\n  }\n}"): (typeof documents)["query MyInventory {\n  me {\n    id\n    inventory {\n      quantity\n      item {\n        ...ItemFields\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment NotificationFields on Notification {\n  id\n  kind\n  title\n  body\n  data\n  createdAt\n  readAt\n}"): (typeof documents)["fragment NotificationFields on Notification {\n  id\n  kind\n  title\n  body\n  data\n  createdAt\n  readAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NotificationMarkRead($input: NotificationMarkReadInput!) {\n  notificationMarkRead(input: $input) {\n    count\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation NotificationMarkRead($input: NotificationMarkReadInput!) {\n  notificationMarkRead(input: $input) {\n    count\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription NotificationReceived {\n  notificationReceived {\n    ...NotificationFields\n  }\n}"): (typeof documents)["subscription NotificationReceived {\n  notificationReceived {\n    ...NotificationFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Notifications($first: Int! = 20, $after: String, $unreadOnly: Boolean! = false) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    edges {\n      cursor\n      node {\n        ...NotificationFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query Notifications($first: Int! = 20, $after: String, $unreadOnly: Boolean! = false) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    edges {\n      cursor\n      node {\n        ...NotificationFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnreadCount {\n  notifications(first: 1, unreadOnly: true) {\n    unreadCount\n  }\n}"): (typeof documents)["query UnreadCount {\n  notifications(first: 1, unreadOnly: true) {\n    unreadCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ItemFields on Item {\n  id\n  name\n  description\n  price\n  basePrice\n  minPrice\n  maxPrice\n  priceTrend\n  pinned\n  currency\n  stock\n  perUserLimit\n  cooldownSeconds\n  tradeable\n  active\n}"): (typeof documents)["fragment ItemFields on Item {\n  id\n  name\n  description\n  price\n  basePrice\n  minPrice\n  maxPrice\n  priceTrend\n  pinned\n  currency\n  stock\n  perUserLimit\n  cooldownSeconds\n  tradeable\n  active\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShopItemCreate($input: ShopItemCreateInput!) {\n  shopItemCreate(input: $input) {\n    item {\n      ...ItemFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation ShopItemCreate($input: ShopItemCreateInput!) {\n  shopItemCreate(input: $input) {\n    item {\n      ...ItemFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShopItemUpdate($input: ShopItemUpdateInput!) {\n  shopItemUpdate(input: $input) {\n    item {\n      ...ItemFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation ShopItemUpdate($input: ShopItemUpdateInput!) {\n  shopItemUpdate(input: $input) {\n    item {\n      ...ItemFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShopItems($first: Int! = 20, $after: String, $includeInactive: Boolean! = false) {\n  shopItems(first: $first, after: $after, includeInactive: $includeInactive) {\n    edges {\n      cursor\n      node {\n        ...ItemFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query ShopItems($first: Int! = 20, $after: String, $includeInactive: Boolean! = false) {\n  shopItems(first: $first, after: $after, includeInactive: $includeInactive) {\n    edges {\n      cursor\n      node {\n        ...ItemFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShopPurchase($input: ShopPurchaseInput!) {\n  shopPurchase(input: $input) {\n    item {\n      ...ItemFields\n    }\n    quantity\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation ShopPurchase($input: ShopPurchaseInput!) {\n  shopPurchase(input: $input) {\n    item {\n      ...ItemFields\n    }\n    quantity\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    id\n    username\n    role\n    createdAt\n    telegramLinked\n    balances {\n      currency\n      amount\n    }\n  }\n}"): (typeof documents)["query Me {\n  me {\n    id\n    username\n    role\n    createdAt\n    telegramLinked\n    balances {\n      currency\n      amount\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserByUsername($username: String!) {\n  userByUsername(username: $username) {\n    id\n    username\n  }\n}"): (typeof documents)["query UserByUsername($username: String!) {\n  userByUsername(username: $username) {\n    id\n    username\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyTransfers($first: Int! = 20, $after: String) {\n  myTransfers(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...TransferFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query MyTransfers($first: Int! = 20, $after: String) {\n  myTransfers(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...TransferFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment TransferFields on Transfer {\n  id\n  kind\n  asset\n  assetName\n  amount\n  direction\n  counterparty\n  counterpartyKind\n  counterpartySource\n  memo\n  createdAt\n}"): (typeof documents)["fragment TransferFields on Transfer {\n  id\n  kind\n  asset\n  assetName\n  amount\n  direction\n  counterparty\n  counterpartyKind\n  counterpartySource\n  memo\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WalletChanged {\n  walletChanged {\n    balances {\n      currency\n      amount\n    }\n    transfer {\n      ...TransferFields\n    }\n  }\n}"): (typeof documents)["subscription WalletChanged {\n  walletChanged {\n    balances {\n      currency\n      amount\n    }\n    transfer {\n      ...TransferFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WalletGrant($input: WalletGrantInput!) {\n  walletGrant(input: $input) {\n    transfer {\n      ...TransferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation WalletGrant($input: WalletGrantInput!) {\n  walletGrant(input: $input) {\n    transfer {\n      ...TransferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WalletTransfer($input: WalletTransferInput!) {\n  walletTransfer(input: $input) {\n    transfer {\n      ...TransferFields\n    }\n    balances {\n      currency\n      amount\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation WalletTransfer($input: WalletTransferInput!) {\n  walletTransfer(input: $input) {\n    transfer {\n      ...TransferFields\n    }\n    balances {\n      currency\n      amount\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BankDeposit($input: BankDepositInput!) {\n  bankDeposit(input: $input) {\n    deposit {\n      ...DepositFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation BankDeposit($input: BankDepositInput!) {\n  bankDeposit(input: $input) {\n    deposit {\n      ...DepositFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DepositFields on Deposit {\n  id\n  currency\n  principal\n  balance\n  accruedInterest\n  termDays\n  status\n  openedAt\n  maturesAt\n  closedAt\n  payout\n  penalty\n}\n\nfragment LoanFields on Loan {\n  id\n  currency\n  principal\n  outstanding\n  rate\n  total\n  termDays\n  status\n  missedInstallments\n  lateFees\n  openedAt\n  closedAt\n  schedule {\n    day\n    dueAt\n    amount\n    paid\n    fee\n    status\n  }\n  nextInstallment {\n    day\n    dueAt\n    amount\n  }\n}\n\nfragment CreditScoreFields on CreditScore {\n  score\n  rate\n  limit\n  minimumScore\n  balance\n  accountAgeDays\n  activity\n  installmentsPaid\n  loansRepaid\n  installmentsMissed\n}"): (typeof documents)["fragment DepositFields on Deposit {\n  id\n  currency\n  principal\n  balance\n  accruedInterest\n  termDays\n  status\n  openedAt\n  maturesAt\n  closedAt\n  payout\n  penalty\n}\n\nfragment LoanFields on Loan {\n  id\n  currency\n  principal\n  outstanding\n  rate\n  total\n  termDays\n  status\n  missedInstallments\n  lateFees\n  openedAt\n  closedAt\n  schedule {\n    day\n    dueAt\n    amount\n    paid\n    fee\n    status\n  }\n  nextInstallment {\n    day\n    dueAt\n    amount\n  }\n}\n\nfragment CreditScoreFields on CreditScore {\n  score\n  rate\n  limit\n  minimumScore\n  balance\n  accountAgeDays\n  activity\n  installmentsPaid\n  loansRepaid\n  installmentsMissed\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BankWithdraw($input: BankWithdrawInput!) {\n  bankWithdraw(input: $input) {\n    deposit {\n      ...DepositFields\n    }\n    payout\n    penalty\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation BankWithdraw($input: BankWithdrawInput!) {\n  bankWithdraw(input: $input) {\n    deposit {\n      ...DepositFields\n    }\n    payout\n    penalty\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoanRepay($input: LoanRepayInput!) {\n  loanRepay(input: $input) {\n    loan {\n      ...LoanFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation LoanRepay($input: LoanRepayInput!) {\n  loanRepay(input: $input) {\n    loan {\n      ...LoanFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoanRequest($input: LoanRequestInput!) {\n  loanRequest(input: $input) {\n    loan {\n      ...LoanFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation LoanRequest($input: LoanRequestInput!) {\n  loanRequest(input: $input) {\n    loan {\n      ...LoanFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyBank {\n  myDeposits {\n    ...DepositFields\n  }\n  myLoans {\n    ...LoanFields\n  }\n  myCreditScore {\n    ...CreditScoreFields\n  }\n}"): (typeof documents)["query MyBank {\n  myDeposits {\n    ...DepositFields\n  }\n  myLoans {\n    ...LoanFields\n  }\n  myCreditScore {\n    ...CreditScoreFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DiceRoll($input: DiceRollInput!) {\n  diceRoll(input: $input) {\n    roll {\n      ...DiceRollFields\n      sessionId\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DiceRoll($input: DiceRollInput!) {\n  diceRoll(input: $input) {\n    roll {\n      ...DiceRollFields\n      sessionId\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DiceRollFields on DiceRoll {\n  id\n  notation\n  total\n  rolls\n  reason\n  createdAt\n  roller {\n    id\n    username\n  }\n  terms {\n    notation\n    negative\n    sides\n    rolls\n    kept\n    subtotal\n  }\n}"): (typeof documents)["fragment DiceRollFields on DiceRoll {\n  id\n  notation\n  total\n  rolls\n  reason\n  createdAt\n  roller {\n    id\n    username\n  }\n  terms {\n    notation\n    negative\n    sides\n    rolls\n    kept\n    subtotal\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndCharacterCreate($input: DndCharacterCreateInput!) {\n  dndCharacterCreate(input: $input) {\n    character {\n      ...DndCharacterFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndCharacterCreate($input: DndCharacterCreateInput!) {\n  dndCharacterCreate(input: $input) {\n    character {\n      ...DndCharacterFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DndCharacterFields on DndCharacter {\n  id\n  name\n  characterClass\n  race\n  level\n  strength\n  dexterity\n  constitution\n  intelligence\n  wisdom\n  charisma\n  maxHp\n  hitDie\n  backstory\n  inventory {\n    name\n    quantity\n    note\n  }\n}"): (typeof documents)["fragment DndCharacterFields on DndCharacter {\n  id\n  name\n  characterClass\n  race\n  level\n  strength\n  dexterity\n  constitution\n  intelligence\n  wisdom\n  charisma\n  maxHp\n  hitDie\n  backstory\n  inventory {\n    name\n    quantity\n    note\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndCharacterUpdate($input: DndCharacterUpdateInput!) {\n  dndCharacterUpdate(input: $input) {\n    character {\n      ...DndCharacterFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndCharacterUpdate($input: DndCharacterUpdateInput!) {\n  dndCharacterUpdate(input: $input) {\n    character {\n      ...DndCharacterFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DndCharacters {\n  dndCharacters {\n    ...DndCharacterFields\n  }\n}"): (typeof documents)["query DndCharacters {\n  dndCharacters {\n    ...DndCharacterFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndHpChange($input: DndHpChangeInput!) {\n  dndHpChange(input: $input) {\n    participant {\n      id\n      hp\n      maxHp\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndHpChange($input: DndHpChangeInput!) {\n  dndHpChange(input: $input) {\n    participant {\n      id\n      hp\n      maxHp\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndItemGive($input: DndItemGiveInput!) {\n  dndItemGive(input: $input) {\n    character {\n      id\n      inventory {\n        name\n        quantity\n        note\n      }\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndItemGive($input: DndItemGiveInput!) {\n  dndItemGive(input: $input) {\n    character {\n      id\n      inventory {\n        name\n        quantity\n        note\n      }\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DndLogEntryFields on DndLogEntry {\n  id\n  kind\n  user {\n    id\n    username\n  }\n  participantId\n  participantName\n  amount\n  hp\n  maxHp\n  status\n  active\n  item\n  reason\n  createdAt\n  roll {\n    id\n    notation\n    total\n    rolls\n    terms {\n      notation\n      negative\n      sides\n      rolls\n      kept\n      subtotal\n    }\n  }\n}"): (typeof documents)["fragment DndLogEntryFields on DndLogEntry {\n  id\n  kind\n  user {\n    id\n    username\n  }\n  participantId\n  participantName\n  amount\n  hp\n  maxHp\n  status\n  active\n  item\n  reason\n  createdAt\n  roll {\n    id\n    notation\n    total\n    rolls\n    terms {\n      notation\n      negative\n      sides\n      rolls\n      kept\n      subtotal\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndNoteAdd($input: DndNoteAddInput!) {\n  dndNoteAdd(input: $input) {\n    note {\n      id\n      text\n      createdAt\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndNoteAdd($input: DndNoteAddInput!) {\n  dndNoteAdd(input: $input) {\n    note {\n      id\n      text\n      createdAt\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndNpcAdd($input: DndNpcAddInput!) {\n  dndNpcAdd(input: $input) {\n    participant {\n      id\n      name\n      hp\n      maxHp\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndNpcAdd($input: DndNpcAddInput!) {\n  dndNpcAdd(input: $input) {\n    participant {\n      id\n      name\n      hp\n      maxHp\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DndSession($id: ID!) {\n  dndSession(id: $id) {\n    id\n    name\n    status\n    isDm\n    createdAt\n    endedAt\n    dm {\n      id\n      username\n    }\n    participants {\n      id\n      name\n      isNpc\n      hp\n      maxHp\n      statuses\n      player {\n        id\n        username\n      }\n      character {\n        id\n        characterClass\n        race\n      }\n    }\n    notes {\n      id\n      text\n      createdAt\n    }\n    log(first: 50) {\n      edges {\n        cursor\n        node {\n          ...DndLogEntryFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query DndSession($id: ID!) {\n  dndSession(id: $id) {\n    id\n    name\n    status\n    isDm\n    createdAt\n    endedAt\n    dm {\n      id\n      username\n    }\n    participants {\n      id\n      name\n      isNpc\n      hp\n      maxHp\n      statuses\n      player {\n        id\n        username\n      }\n      character {\n        id\n        characterClass\n        race\n      }\n    }\n    notes {\n      id\n      text\n      createdAt\n    }\n    log(first: 50) {\n      edges {\n        cursor\n        node {\n          ...DndLogEntryFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndSessionCreate($input: DndSessionCreateInput!) {\n  dndSessionCreate(input: $input) {\n    session {\n      id\n      name\n      status\n      isDm\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndSessionCreate($input: DndSessionCreateInput!) {\n  dndSessionCreate(input: $input) {\n    session {\n      id\n      name\n      status\n      isDm\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndSessionEnd($input: DndSessionInput!) {\n  dndSessionEnd(input: $input) {\n    session {\n      id\n      status\n      endedAt\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndSessionEnd($input: DndSessionInput!) {\n  dndSessionEnd(input: $input) {\n    session {\n      id\n      status\n      endedAt\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription DndSessionEvents($sessionId: ID!) {\n  dndSessionEvents(sessionId: $sessionId) {\n    ...DndLogEntryFields\n  }\n}"): (typeof documents)["subscription DndSessionEvents($sessionId: ID!) {\n  dndSessionEvents(sessionId: $sessionId) {\n    ...DndLogEntryFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndSessionJoin($input: DndSessionJoinInput!) {\n  dndSessionJoin(input: $input) {\n    participant {\n      id\n      hp\n      maxHp\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndSessionJoin($input: DndSessionJoinInput!) {\n  dndSessionJoin(input: $input) {\n    participant {\n      id\n      hp\n      maxHp\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DndSessions($first: Int!, $after: String) {\n  dndSessions(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        status\n        isDm\n        createdAt\n        dm {\n          id\n          username\n        }\n        participants {\n          id\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query DndSessions($first: Int!, $after: String) {\n  dndSessions(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        name\n        status\n        isDm\n        createdAt\n        dm {\n          id\n          username\n        }\n        participants {\n          id\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DndStatusSet($input: DndStatusSetInput!) {\n  dndStatusSet(input: $input) {\n    participant {\n      id\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DndStatusSet($input: DndStatusSetInput!) {\n  dndStatusSet(input: $input) {\n    participant {\n      id\n      statuses\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyDiceRolls($first: Int!, $after: String) {\n  myDiceRolls(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...DiceRollFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query MyDiceRolls($first: Int!, $after: String) {\n  myDiceRolls(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...DiceRollFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FriendRequestSend($input: FriendUserInput!) {\n  friendRequestSend(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRequestAccept($input: FriendRequestInput!) {\n  friendRequestAccept(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRequestDecline($input: FriendRequestInput!) {\n  friendRequestDecline(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRemove($input: FriendUserInput!) {\n  friendRemove(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation UserBlock($input: FriendUserInput!) {\n  userBlock(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation UserUnblock($input: FriendUserInput!) {\n  userUnblock(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation FriendRequestSend($input: FriendUserInput!) {\n  friendRequestSend(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRequestAccept($input: FriendRequestInput!) {\n  friendRequestAccept(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRequestDecline($input: FriendRequestInput!) {\n  friendRequestDecline(input: $input) {\n    request {\n      ...FriendRequestFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation FriendRemove($input: FriendUserInput!) {\n  friendRemove(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation UserBlock($input: FriendUserInput!) {\n  userBlock(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}\n\nmutation UserUnblock($input: FriendUserInput!) {\n  userUnblock(input: $input) {\n    user {\n      id\n      username\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FriendsPage {\n  friends {\n    online\n    since\n    user {\n      id\n      username\n    }\n  }\n  incoming: friendRequests(direction: INCOMING) {\n    ...FriendRequestFields\n  }\n  outgoing: friendRequests(direction: OUTGOING) {\n    ...FriendRequestFields\n  }\n  blockedUsers {\n    blockedAt\n    user {\n      id\n      username\n    }\n  }\n}\n\nquery FriendsActivity($first: Int!) {\n  friendsActivity(first: $first) {\n    id\n    kind\n    at\n    itemName\n    user {\n      id\n      username\n    }\n  }\n}\n\nfragment FriendRequestFields on FriendRequest {\n  id\n  status\n  createdAt\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n}"): (typeof documents)["query FriendsPage {\n  friends {\n    online\n    since\n    user {\n      id\n      username\n    }\n  }\n  incoming: friendRequests(direction: INCOMING) {\n    ...FriendRequestFields\n  }\n  outgoing: friendRequests(direction: OUTGOING) {\n    ...FriendRequestFields\n  }\n  blockedUsers {\n    blockedAt\n    user {\n      id\n      username\n    }\n  }\n}\n\nquery FriendsActivity($first: Int!) {\n  friendsActivity(first: $first) {\n    id\n    kind\n    at\n    itemName\n    user {\n      id\n      username\n    }\n  }\n}\n\nfragment FriendRequestFields on FriendRequest {\n  id\n  status\n  createdAt\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment GiftFields on Gift {\n  id\n  amount\n  currency\n  item {\n    id\n    name\n  }\n  message\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  createdAt\n}"): (typeof documents)["fragment GiftFields on Gift {\n  id\n  amount\n  currency\n  item {\n    id\n    name\n  }\n  message\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation GiftSend($input: GiftSendInput!) {\n  giftSend(input: $input) {\n    gift {\n      ...GiftFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation GiftSend($input: GiftSendInput!) {\n  giftSend(input: $input) {\n    gift {\n      ...GiftFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyGifts($first: Int!, $after: String) {\n  myGifts(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...GiftFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  giftsLeftToday\n}"): (typeof documents)["query MyGifts($first: Int!, $after: String) {\n  myGifts(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...GiftFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  giftsLeftToday\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DailyClaim($input: DailyClaimInput!) {\n  dailyClaim(input: $input) {\n    claim {\n      amount\n      streak\n      day\n      milestoneBonus\n      tierBonus\n      graced\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation DailyClaim($input: DailyClaimInput!) {\n  dailyClaim(input: $input) {\n    claim {\n      amount\n      streak\n      day\n      milestoneBonus\n      tierBonus\n      graced\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyProgression {\n  myProgress {\n    level\n    xp\n    levelStartXp\n    nextLevelXp\n    claims\n    engagement\n    tier {\n      name\n      engagement\n      extraGifts\n      dailyBonusPercent\n    }\n    nextTier {\n      name\n      engagement\n      extraGifts\n      dailyBonusPercent\n    }\n    xpToday {\n      kind\n      xp\n      dailyCap\n    }\n  }\n  myStreak {\n    current\n    best\n    lastDay\n    claimedToday\n    graceAvailable\n    nextAmount\n    nextMilestone\n    milestones {\n      days\n      bonus\n      reached\n    }\n  }\n}"): (typeof documents)["query MyProgression {\n  myProgress {\n    level\n    xp\n    levelStartXp\n    nextLevelXp\n    claims\n    engagement\n    tier {\n      name\n      engagement\n      extraGifts\n      dailyBonusPercent\n    }\n    nextTier {\n      name\n      engagement\n      extraGifts\n      dailyBonusPercent\n    }\n    xpToday {\n      kind\n      xp\n      dailyCap\n    }\n  }\n  myStreak {\n    current\n    best\n    lastDay\n    claimedToday\n    graceAvailable\n    nextAmount\n    nextMilestone\n    milestones {\n      days\n      bonus\n      reached\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShopItemPriceHistory($itemId: ID!, $first: Int! = 14) {\n  shopItemPriceHistory(itemId: $itemId, first: $first) {\n    edges {\n      cursor\n      node {\n        day\n        price\n        previousPrice\n        trend\n        purchases\n      }\n    }\n  }\n}"): (typeof documents)["query ShopItemPriceHistory($itemId: ID!, $first: Int! = 14) {\n  shopItemPriceHistory(itemId: $itemId, first: $first) {\n    edges {\n      cursor\n      node {\n        day\n        price\n        previousPrice\n        trend\n        purchases\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TradeOfferAccept($input: TradeOfferInput!) {\n  tradeOfferAccept(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation TradeOfferAccept($input: TradeOfferInput!) {\n  tradeOfferAccept(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TradeOfferCancel($input: TradeOfferInput!) {\n  tradeOfferCancel(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation TradeOfferCancel($input: TradeOfferInput!) {\n  tradeOfferCancel(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TradeOfferCounter($input: TradeOfferCounterInput!) {\n  tradeOfferCounter(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation TradeOfferCounter($input: TradeOfferCounterInput!) {\n  tradeOfferCounter(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TradeOfferCreate($input: TradeOfferCreateInput!) {\n  tradeOfferCreate(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation TradeOfferCreate($input: TradeOfferCreateInput!) {\n  tradeOfferCreate(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TradeOfferDecline($input: TradeOfferInput!) {\n  tradeOfferDecline(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation TradeOfferDecline($input: TradeOfferInput!) {\n  tradeOfferDecline(input: $input) {\n    offer {\n      ...TradeOfferFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment TradeOfferFields on TradeOffer {\n  id\n  status\n  incoming\n  lopsided\n  giveValue\n  wantValue\n  message\n  counterOf\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  give {\n    currency\n    amount\n    fee\n    item {\n      id\n      name\n    }\n  }\n  want {\n    currency\n    amount\n    fee\n    item {\n      id\n      name\n    }\n  }\n  createdAt\n  expiresAt\n  closedAt\n}"): (typeof documents)["fragment TradeOfferFields on TradeOffer {\n  id\n  status\n  incoming\n  lopsided\n  giveValue\n  wantValue\n  message\n  counterOf\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  give {\n    currency\n    amount\n    fee\n    item {\n      id\n      name\n    }\n  }\n  want {\n    currency\n    amount\n    fee\n    item {\n      id\n      name\n    }\n  }\n  createdAt\n  expiresAt\n  closedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TradeOffers($first: Int!, $after: String, $status: TradeOfferStatus) {\n  tradeOffers(first: $first, after: $after, status: $status) {\n    edges {\n      cursor\n      node {\n        ...TradeOfferFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query TradeOffers($first: Int!, $after: String, $status: TradeOfferStatus) {\n  tradeOffers(first: $first, after: $after, status: $status) {\n    edges {\n      cursor\n      node {\n        ...TradeOfferFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;