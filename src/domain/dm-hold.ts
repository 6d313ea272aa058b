// When a DM may reach its recipient: inside their working hours (09:00–17:00 in their zone), on a
// working day of their side, not in their time off. The dispatcher holds a DM planned at another
// moment until then. Pure: the recipient's facts come in.
import { dayLabel, type Holidays, isBusinessDay, type LocalDate, localParts } from './calendar.js';
import type { TimeOff } from './silence.js';
import { timeOffOn } from './silence.js';
import { dmHours, nextWorkingMoment } from './working-hours.js';

export interface Recipient {
  /** Their zone (Slack's, else the POC's). */
  zone: string;
  /** Their side's days off: public holidays and the POC's days off. */
  holidays: Holidays;
  /** Recorded time off, and "away for the day" from their Slack status. */
  timeOff: readonly TimeOff[];
}

export type DmTiming = { send: true } | { send: false; notBefore: Date; reason: string };

/** Why `day` is not a working day for the recipient, or undefined when it is. */
function dayOffReason(r: Recipient, day: LocalDate): string | undefined {
  const away = timeOffOn(r.timeOff, day);
  if (away) return `they are away (through ${dayLabel(away.to)})`;
  if (!isBusinessDay(day, r.holidays)) return `${dayLabel(day)} is not a working day on their side`;
  return undefined;
}

/** Whether a DM goes now, or the moment it may go and why it waits. */
export function dmTiming(now: Date, r: Recipient): DmTiming {
  const works = (day: LocalDate) => dayOffReason(r, day) === undefined;
  const at = nextWorkingMoment(now, r.zone, works, dmHours);
  if (at && at.getTime() === now.getTime()) return { send: true };
  const local = localParts(now, r.zone);
  const reason =
    dayOffReason(r, local.date) ?? `it is ${local.time} for them (${r.zone}), outside ${dmHours.start}–${dmHours.end}`;
  // No working day within three months (a long leave): look again in a day.
  return { send: false, notBefore: at ?? new Date(now.getTime() + 86_400_000), reason };
}
