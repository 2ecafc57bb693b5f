import type { NotificationKinds } from '@/pages/notifications/kinds'

/** The bank's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'bank.deposit_matured': { title: ['amount'], body: ['deposit_id', 'interest'] },
  'bank.deposit_withdrawn': { title: ['amount'], body: ['deposit_id', 'penalty'] },
  'loan.granted': { title: ['amount'], body: ['loan_id', 'total', 'days'] },
  'loan.payment': { title: ['amount'], body: ['loan_id', 'outstanding'] },
  'loan.installment_paid': { title: ['amount'], body: ['loan_id', 'outstanding'] },
  'loan.installment_missed': { title: ['amount'], body: ['loan_id', 'fee'] },
  'loan.repaid': { title: ['loan_id'], body: [] },
}

export default kinds
