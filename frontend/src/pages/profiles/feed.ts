/** The reactions the server accepts (resolvers/profiles/feed.py EMOJIS) and the kinds of items. */
export const EMOJIS = ['👍', '❤️', '🔥', '🎉', '😂', '😮'] as const
export const FEED_KINDS = ['ACHIEVEMENT', 'LEVEL_UP', 'WIN', 'BIG_PURCHASE', 'AUCTION_WON'] as const
export const VISIBILITIES = ['EVERYONE', 'FRIENDS', 'NOBODY'] as const
export const LINK_SITES = ['GITHUB', 'GITLAB', 'TELEGRAM', 'X', 'YOUTUBE', 'TWITCH', 'VK', 'STEAM'] as const
export const MAX_BIO = 280
export const MAX_AVATAR_BYTES = 2 * 1024 * 1024
