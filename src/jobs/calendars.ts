// Loads what the calendar jobs plan from: the open POCs with their days off, and, for the few
// POCs that have something due, their criteria standings.
import { isClosed } from '../domain/poc.js';
import { type CriterionStanding, standings } from '../domain/results.js';
import type { Store } from '../store/index.js';
import type { JobContext } from './types.js';
import { type DueItem, due, type PocCalendar, type ScheduledKind } from './planner.js';

/** Open POCs whose jobs are not halted, with their holidays (one query for all of them). */
export function loadCalendars(store: Store): PocCalendar[] {
  const pocs = store.pocs.listOpen().filter((p) => !isClosed(p.stage) && p.jobsHaltedReason === null);
  const holidays = store.holidays.forPocs(pocs.map((p) => p.id));
  return pocs.map((poc) => ({ poc, holidays: holidays.get(poc.id) ?? new Set<string>() }));
}

/** loadCalendars once per tick, shared by the calendar jobs through ctx.cache. */
export function tickCalendars(ctx: Pick<JobContext, 'store' | 'cache'>): PocCalendar[] {
  const cached = ctx.cache?.get('calendars') as PocCalendar[] | undefined;
  if (cached) return cached;
  const calendars = loadCalendars(ctx.store);
  ctx.cache?.set('calendars', calendars);
  return calendars;
}

export function loadStandings(store: Store, pocId: number): CriterionStanding[] {
  const criteria = store.criteria.listActive(pocId);
  return standings(
    criteria,
    store.criteria.votesFor(criteria.map((c) => c.id)),
  );
}

/**
 * The due items of these kinds whose key is not in the outbox yet, each with its calendar. Keys
 * already there are left out before any message is built: the same standup is due every minute
 * for the rest of its day, and only the first tick should do the work.
 */
export function newDueItems(
  ctx: Pick<JobContext, 'store' | 'cache' | 'now'>,
  kinds: readonly ScheduledKind[],
): Array<{ item: DueItem; cal: PocCalendar }> {
  const { store, now } = ctx;
  const calendars = tickCalendars(ctx);
  const byId = new Map(calendars.map((c) => [c.poc.id, c]));
  const items = due(calendars, now).filter((i) => kinds.includes(i.kind));
  if (items.length === 0) return [];
  const known = store.outbox.statuses(items.map((i) => i.key));
  return items
    .filter((i) => !known.has(i.key))
    .flatMap((item) => {
      const cal = byId.get(item.pocId);
      return cal ? [{ item, cal }] : [];
    });
}
