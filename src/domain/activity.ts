// Activity is counted per user per local day of the POC's zone, by the Slack timestamp of the
// activity itself (a retried or delayed event still lands on the day it happened).
import { type LocalDate, localDate, slackTsToDate } from './calendar.js';

export type ActivityKind = 'message' | 'reaction';

/** The local day of a Slack ts in `timeZone`. */
export function activityDay(ts: string, timeZone: string): LocalDate {
  return localDate(slackTsToDate(ts), timeZone);
}

/** Orders Slack timestamps exactly ('1700000000.000100'): seconds, then the fraction, without float rounding. */
export function compareSlackTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  const sa = BigInt(as || '0');
  const sb = BigInt(bs || '0');
  if (sa !== sb) return sa < sb ? -1 : 1;
  const fa = af.padEnd(6, '0');
  const fb = bf.padEnd(6, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

export function isSlackTs(value: string): boolean {
  return /^\d{1,12}(\.\d{1,6})?$/.test(value);
}

export function maxSlackTs(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareSlackTs(a, b) >= 0 ? a : b;
}
