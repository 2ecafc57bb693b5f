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
    "fragment ItemFields on Item {\n  id\n  name\n  description\n  price\n  currency\n  stock\n  perUserLimit\n  cooldownSeconds\n  tradeable\n  active\n}": typeof types.ItemFieldsFragmentDoc,
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
    "fragment GiftFields on Gift {\n  id\n  amount\n  currency\n  item {\n    id\n    name\n  }\n  message\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  createdAt\n}": typeof types.GiftFieldsFragmentDoc,
    "mutation GiftSend($input: GiftSendInput!) {\n  giftSend(input: $input) {\n    gift {\n      ...GiftFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.GiftSendDocument,
    "query MyGifts($first: Int!, $after: String) {\n  myGifts(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...GiftFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  giftsLeftToday\n}": typeof types.MyGiftsDocument,
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
    "fragment ItemFields on Item {\n  id\n  name\n  description\n  price\n  currency\n  stock\n  perUserLimit\n  cooldownSeconds\n  tradeable\n  active\n}": types.ItemFieldsFragmentDoc,
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
    "fragment GiftFields on Gift {\n  id\n  amount\n  currency\n  item {\n    id\n    name\n  }\n  message\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  createdAt\n}": types.GiftFieldsFragmentDoc,
    "mutation GiftSend($input: GiftSendInput!) {\n  giftSend(input: $input) {\n    gift {\n      ...GiftFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}": types.GiftSendDocument,
    "query MyGifts($first: Int!, $after: String) {\n  myGifts(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...GiftFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  giftsLeftToday\n}": types.MyGiftsDocument,
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
export function graphql(source: "fragment ItemFields on Item {\n  id\n  name\n  description\n  price\n  currency\n  stock\n  perUserLimit\n  cooldownSeconds\n  tradeable\n  active\n}"): (typeof documents)["fragment ItemFields on Item {\n  id\n  name\n  description\n  price\n  currency\n  stock\n  perUserLimit\n  cooldownSeconds\n  tradeable\n  active\n}"];
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
export function graphql(source: "fragment GiftFields on Gift {\n  id\n  amount\n  currency\n  item {\n    id\n    name\n  }\n  message\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  createdAt\n}"): (typeof documents)["fragment GiftFields on Gift {\n  id\n  amount\n  currency\n  item {\n    id\n    name\n  }\n  message\n  sender {\n    id\n    username\n  }\n  recipient {\n    id\n    username\n  }\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation GiftSend($input: GiftSendInput!) {\n  giftSend(input: $input) {\n    gift {\n      ...GiftFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation GiftSend($input: GiftSendInput!) {\n  giftSend(input: $input) {\n    gift {\n      ...GiftFields\n    }\n    errors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyGifts($first: Int!, $after: String) {\n  myGifts(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...GiftFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  giftsLeftToday\n}"): (typeof documents)["query MyGifts($first: Int!, $after: String) {\n  myGifts(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...GiftFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  giftsLeftToday\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;