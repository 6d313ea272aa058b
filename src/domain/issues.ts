// Issues found during a POC and how long a blocker has been open, in business days of the POC's zone.
import { businessDaysBetween, type Holidays, type LocalDate, localDate } from './calendar.js';

export const severities = ['blocker', 'limitation', 'cosmetic'] as const;
export type Severity = (typeof severities)[number];

export const severityLabels: Record<Severity, string> = {
  blocker: 'Blocker',
  limitation: 'Limitation',
  cosmetic: 'Cosmetic',
};

export function isSeverity(value: string): value is Severity {
  return (severities as readonly string[]).includes(value);
}

export interface PocIssue {
  id: number;
  pocId: number;
  /** Per-POC number users type in `/poc issue resolve <n>`. */
  number: number;
  text: string;
  /** null until the person who logged it picks one. */
  severity: Severity | null;
  workaround: string | null;
  openedBy: string;
  openedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

/** A blocker open longer than this many business days is flagged (issue 4). */
export const staleBlockerBusinessDays = 2;

export function businessDaysOpen(
  issue: Pick<PocIssue, 'openedAt'>,
  today: LocalDate,
  timeZone: string,
  holidays: Holidays,
): number {
  return businessDaysBetween(localDate(new Date(issue.openedAt), timeZone), today, holidays);
}

export function isStaleBlocker(
  issue: Pick<PocIssue, 'openedAt' | 'severity' | 'resolvedAt'>,
  today: LocalDate,
  timeZone: string,
  holidays: Holidays,
): boolean {
  return (
    issue.severity === 'blocker' &&
    issue.resolvedAt === null &&
    businessDaysOpen(issue, today, timeZone, holidays) > staleBlockerBusinessDays
  );
}
