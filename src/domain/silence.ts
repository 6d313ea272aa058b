// The silence detector: how many business days the evaluator has been quiet, and which level
// that is. Counted in the POC's zone with its days off, from the later of their last activity,
// the sign-off, the start date and the end of a pause (Friday → Monday is one day, not three).
import { businessDaysBetween, type Holidays, type LocalDate, localDate, slackTsToDate } from './calendar.js';
import { isPaused } from './pause.js';
import type { Poc } from './poc.js';

export type SilencePoc = Pick<
  Poc,
  'stage' | 'startDate' | 'signedOffAt' | 'pausedUntil' | 'timeZone' | 'silenceNudgeDays' | 'silenceEscalateDays'
>;

export interface SilenceState {
  /** Only signed-off/active POCs that have started are watched. */
  watched: boolean;
  paused: boolean;
  /** Identifies the quiet spell: the evaluator's last activity ts ('none' before any). Each level fires once per spell. */
  spell: string;
  /** The local day the quiet count starts after. */
  quietSince: LocalDate;
  businessDaysQuiet: number;
  /** 0 quiet enough, 1 nudge the SE, 2 escalate to the AE. Always 0 when paused or not watched. */
  level: 0 | 1 | 2;
}

/**
 * Whether the quiet spell a nudge was about (its episode) is over: the evaluator has done
 * something since, so their last activity is no longer the one the spell was named after.
 */
export function spellOver(episode: string, lastActivityTs: string | undefined): lastActivityTs is string {
  return lastActivityTs !== undefined && lastActivityTs !== episode;
}

export function silenceState(poc: SilencePoc, today: LocalDate, holidays: Holidays, lastActivityTs: string | undefined): SilenceState {
  const watched = (poc.stage === 'signed_off' || poc.stage === 'active') && today >= poc.startDate;
  const paused = isPaused(poc, today);
  const anchors: LocalDate[] = [poc.startDate];
  if (lastActivityTs) anchors.push(localDate(slackTsToDate(lastActivityTs), poc.timeZone));
  if (poc.signedOffAt) anchors.push(localDate(new Date(poc.signedOffAt), poc.timeZone));
  // A pause that is over restarts the count: its days were agreed quiet days.
  if (poc.pausedUntil && poc.pausedUntil < today) anchors.push(poc.pausedUntil);
  const quietSince = anchors.reduce((a, b) => (b > a ? b : a));
  const businessDaysQuiet = businessDaysBetween(quietSince, today, holidays);
  let level: 0 | 1 | 2 = 0;
  if (watched && !paused) {
    if (businessDaysQuiet >= poc.silenceEscalateDays) level = 2;
    else if (businessDaysQuiet >= poc.silenceNudgeDays) level = 1;
  }
  return { watched, paused, spell: lastActivityTs ?? 'none', quietSince, businessDaysQuiet, level };
}
