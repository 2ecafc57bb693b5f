import { dateEnUS, dateRuRU, type NDateLocale } from 'naive-ui'
import type { AppLocale } from '@/i18n'

export const NAIVE_DATE_LOCALES: Record<AppLocale, NDateLocale> = { ru: dateRuRU, en: dateEnUS }
