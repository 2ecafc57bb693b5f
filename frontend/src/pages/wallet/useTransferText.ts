import { useI18n } from 'vue-i18n'
import { useFormat } from '@/composables/useFormat'
import type { TransferFieldsFragment } from '@/gql/graphql'
import { sourceName } from '@/utils/sources'

/** Kinds the other side already says ("from neo" is a payment, "an admin's grant" a grant). */
const IMPLIED_KINDS = new Set(['payment', 'transfer', 'grant', 'ingestion'])

/**
 * A transfer in words a player understands: the item's name or the currency, and who is on the
 * other side ("the shop", "an admin's grant", "GD Cards rewards") — never a ledger account.
 */
export function useTransferText() {
  const { t, te } = useI18n()
  const fmt = useFormat()

  function amount(transfer: TransferFieldsFragment): string {
    return `${transfer.direction === 'IN' ? '+' : '−'}${fmt.amount(transfer.amount, transfer.assetName)}`
  }

  function party(transfer: TransferFieldsFragment): string {
    const side = transfer.direction === 'IN' ? 'IN' : 'OUT'
    const source = sourceName(transfer.counterpartySource)
    const kind = transfer.counterpartyKind === 'SYSTEM' && source ? 'SOURCE' : transfer.counterpartyKind
    return t(`history.party.${kind}_${side}`, { name: transfer.counterparty, source })
  }

  function kind(transfer: TransferFieldsFragment): string | null {
    if (IMPLIED_KINDS.has(transfer.kind)) return null
    return te(`transferKind.${transfer.kind}`) ? t(`transferKind.${transfer.kind}`) : null
  }

  /** "Received · from the shop · purchase" */
  function describe(transfer: TransferFieldsFragment): string {
    const parts = [transfer.direction === 'IN' ? t('history.in') : t('history.out'), party(transfer), kind(transfer)]
    return parts.filter(Boolean).join(' · ')
  }

  return { amount, party, kind, describe }
}
