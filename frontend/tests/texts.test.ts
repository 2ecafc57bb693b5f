import { describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { mount } from '@vue/test-utils'
import { i18n, useLocaleMessages } from '@/i18n'
import { useTransferText } from '@/pages/wallet/useTransferText'
import { useNotificationText } from '@/pages/notifications/useNotificationText'
import type { NotificationFieldsFragment, TransferFieldsFragment } from '@/gql/graphql'

await useLocaleMessages('en')

function withTexts<T>(locale: 'ru' | 'en', use: () => T): T {
  i18n.global.locale.value = locale
  let out: T | undefined
  mount(defineComponent({ setup() { out = use(); return () => null } }), { global: { plugins: [i18n] } })
  return out as T
}

const transfer = (over: Partial<TransferFieldsFragment>): TransferFieldsFragment => ({
  id: '1', kind: 'payment', asset: 'COIN', assetName: 'COIN', amount: '200', direction: 'IN', counterparty: 'neo',
  counterpartyKind: 'USER', counterpartySource: null, memo: null, createdAt: '2026-01-01T00:00:00Z', ...over,
})

describe('transfers in words', () => {
  it('name items and system accounts by what they mean, in both languages', () => {
    const ru = withTexts('ru', useTransferText)
    const purchase = transfer({ kind: 'purchase', asset: 'item:1', assetName: 'Меч', amount: 1, counterparty: 'mint', counterpartyKind: 'SHOP' })
    expect(ru.amount(purchase)).toBe('+1 Меч')
    expect(ru.describe(purchase)).toBe('Получено · из магазина · покупка')
    const paid = transfer({ kind: 'purchase', direction: 'OUT', counterparty: 'burn', counterpartyKind: 'SHOP' })
    expect(ru.describe(paid)).toBe('Отправлено · в магазин · покупка')
    const grant = transfer({ kind: 'grant', counterparty: 'mint', counterpartyKind: 'ADMIN_GRANT' })
    expect(ru.describe(grant)).toBe('Получено · начисление администратора')
    const reward = transfer({ kind: 'ingestion', counterparty: 'source:gdcards', counterpartyKind: 'GAME_REWARD', counterpartySource: 'gdcards' })
    expect(ru.describe(reward)).toBe('Получено · награда GD Cards')

    const en = withTexts('en', useTransferText)
    expect(en.describe(grant)).toBe("Received · an admin's grant")
    expect(en.describe(reward)).toBe('Received · GD Cards rewards')
    expect(en.describe(transfer({}))).toBe('Received · from neo')
    for (const text of [ru.describe(purchase), ru.describe(paid), en.describe(grant), en.describe(reward)]) {
      expect(text).not.toMatch(/mint|burn|item:|source:/)
    }
  })
})

const note = (over: Partial<NotificationFieldsFragment>): NotificationFieldsFragment => ({
  id: '1', kind: 'wallet.granted', title: '+500 COIN', body: 'welcome bonus', data: { amount: 500, currency: 'COIN', transfer_id: 3 },
  createdAt: '2026-01-01T00:00:00Z', readAt: null, ...over,
})

describe('notifications in the reader\'s language', () => {
  it('build title and body from kind and data, falling back to the server text', () => {
    const ru = withTexts('ru', useNotificationText)
    expect(ru.title(note({}))).toBe('+500 COIN: начисление администратора')
    expect(ru.body(note({}))).toBe('welcome bonus')
    const reward = note({ kind: 'ingestion.credited', title: '+40 COIN', body: 'GD Cards: win', data: { amount: 40, source: 'gdcards' } })
    expect(ru.title(reward)).toBe('+40 COIN: награда GD Cards')
    const received = note({ kind: 'wallet.received', body: 'neo sent you 5 COIN', data: { amount: 5, currency: 'COIN', from_user_id: 2 } })
    expect(ru.body(received)).toBe('neo sent you 5 COIN')
    expect(ru.body(note({ kind: 'wallet.received', data: { amount: 5, currency: 'COIN', from_username: 'neo' } }))).toBe('От neo')
    expect(ru.title(note({ kind: 'brand.new', title: 'Server text', data: {} }))).toBe('Server text')
    expect(ru.title(note({ data: { currency: 'COIN' } }))).toBe('+500 COIN')

    const en = withTexts('en', useNotificationText)
    expect(en.title(note({}))).toBe("+500 COIN: an admin's grant")
    expect(en.title(note({ kind: 'ingestion.nickname_approved', data: { nickname: 'Neo', source: 'gdcards' } }))).toBe('Nickname Neo: claim approved')
  })
})
