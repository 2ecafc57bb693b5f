/** Display names of the game bots and import sources a transfer or notification may name. */
const SOURCE_NAMES: Record<string, string> = {
  gdcards: 'GD Cards',
  gusya_cards: 'Гуся Cards',
  shmalala: 'Shmalala',
  true_mafia: 'True Mafia',
  bunker_rp: 'Bunker RP',
  bankbot: 'BankBot',
}

export function sourceName(code: string | null | undefined): string {
  if (!code) return ''
  return SOURCE_NAMES[code] ?? code
}
