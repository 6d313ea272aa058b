// Time off: days a person is away, recorded with `/poc away` or learned from a Slack status that
// says they are away for the day. Someone away is not counted quiet and gets no DM; their first
// business day back starts a fresh count (see silence.ts). Pure: `now` and zones come in.
import { addDays, type LocalDate, localParts } from './calendar.js';
import type { TimeOff } from './silence.js';

/** Where a time off came from: typed with `/poc away`, or read from the person's Slack status. */
export const timeOffSources = ['command', 'slack_status'] as const;
export type TimeOffSource = (typeof timeOffSources)[number];

export interface TimeOffRecord extends TimeOff {
  id: number;
  userId: string;
  note: string;
  source: TimeOffSource;
  createdBy: string;
}

/** A Slack status as users.info gives it (an external user's profile may have none of it). */
export interface SlackStatus {
  text: string;
  emoji: string;
  /** Unix seconds when Slack clears it; 0 = never. */
  expiration: number;
}

/** Emoji people set when they are away for the day: Slack's own "Vacationing" and "Out sick", and travel. */
export const awayEmoji: ReadonlySet<string> = new Set([
  ':palm_tree:',
  ':airplane:',
  ':airplane_departure:',
  ':desert_island:',
  ':beach_with_umbrella:',
  ':face_with_thermometer:',
  ':sick:',
]);

const awayWords = /\b(ooo|out[- ]of[- ](the[- ])?office|vacation(ing)?|holidays?|on leave|pto|out sick|off today)\b/i;
// "Back from vacation", "back from holiday": the words are there, the person is not away.
const backWords = /\bback\b/i;

/** Whether the status says its owner is away (a vacation emoji, or OOO / out of office / vacation / holiday in its text). */
export function statusSaysAway(status: Pick<SlackStatus, 'text' | 'emoji'>): boolean {
  if (status.text && backWords.test(status.text)) return false;
  return awayEmoji.has(status.emoji) || awayWords.test(status.text);
}

/**
 * The days a status says its owner is away, seen at `now` in `zone`: from today to the day it
 * expires (the day before, when it expires before noon: they are back for most of that day).
 * Undefined when it does not say away, or expires before the end of today's working day
 * (17:00: "OOO until 2pm" is not a day away).
 */
export function awayFromStatus(status: SlackStatus, now: Date, zone: string): TimeOff | undefined {
  if (!statusSaysAway(status)) return undefined;
  const today = localParts(now, zone).date;
  if (status.expiration <= 0) return { from: today, to: today };
  const ends = localParts(new Date(status.expiration * 1000), zone);
  if (ends.date < today || (ends.date === today && ends.time < '17:00')) return undefined;
  const to = ends.time < '12:00' ? addDays(ends.date, -1) : ends.date;
  return { from: today, to: to < today ? today : to };
}

/** The time off of one person that has not ended before `today`, soonest first. */
export function currentAndComing<T extends TimeOff>(list: readonly T[], today: LocalDate): T[] {
  return list.filter((t) => t.to >= today).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
