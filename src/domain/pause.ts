// Whether a POC is paused on a day (`/poc pause <until> <reason>`): paused through `pausedUntil`
// inclusive, so the POC picks up again the day after.
import type { LocalDate } from './calendar.js';
import type { Poc } from './poc.js';

export function isPaused(poc: Pick<Poc, 'pausedUntil'>, today: LocalDate): boolean {
  return poc.pausedUntil !== null && poc.pausedUntil >= today;
}
