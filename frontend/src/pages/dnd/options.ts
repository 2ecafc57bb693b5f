import type { DndClass, DndCondition, DndRace } from '@/gql/graphql'

export const CLASSES: DndClass[] = ['BARBARIAN', 'BARD', 'CLERIC', 'DRUID', 'FIGHTER', 'MONK', 'PALADIN', 'RANGER', 'ROGUE', 'SORCERER', 'WARLOCK', 'WIZARD']
export const RACES: DndRace[] = ['DRAGONBORN', 'DWARF', 'ELF', 'GNOME', 'HALF_ELF', 'HALF_ORC', 'HALFLING', 'HUMAN', 'TIEFLING']
export const CONDITIONS: DndCondition[] = [
  'BLINDED', 'CHARMED', 'DEAFENED', 'FRIGHTENED', 'GRAPPLED', 'INCAPACITATED', 'INVISIBLE',
  'PARALYZED', 'PETRIFIED', 'POISONED', 'PRONE', 'RESTRAINED', 'STUNNED', 'UNCONSCIOUS',
]
