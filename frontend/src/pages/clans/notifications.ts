import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'clan.join_request': { title: ['username', 'clan_name'], body: [] },
  'clan.request_accepted': { title: ['clan_name'], body: [] },
  'clan.request_declined': { title: ['clan_name'], body: [] },
  'clan.member_joined': { title: ['username', 'clan_name'], body: [] },
  'clan.member_left': { title: ['username', 'clan_name'], body: [] },
  'clan.member_kicked': { title: ['username', 'clan_name'], body: ['by_username'] },
  'clan.kicked': { title: ['clan_name'], body: ['by_username'] },
  'clan.leader_changed': { title: ['username', 'clan_name'], body: [] },
  'clan.paid': { title: ['amount'], body: [] },
  'clan.goal_reached': { title: ['clan_name'], body: ['title_en', 'title_ru', 'reward_xp', 'reward_coin'] },
}

export default kinds
