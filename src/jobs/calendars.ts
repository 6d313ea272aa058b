// Loads what the calendar jobs plan from: the open POCs with their days off, and what is due for
// them. Everything comes from the tick's snapshot, read in bulk once and shared by every job of
// the tick through ctx.cache. The messages themselves are built when they are sent, from
// `calendarView`, read fresh then.
import type { Holidays, LocalDate } from '../domain/calendar.js';
import { isClosed, type Poc } from '../domain/poc.js';
import { type CriterionStanding, type Progress, progress } from '../domain/results.js';
import { type Timeline, timeline } from '../domain/timeline.js';
import { activeStandings } from '../services/standings.js';
import { pocCalendars } from '../services/calendars.js';
import type { Store } from '../store/index.js';
import { TickSnapshot } from '../services/tick-snapshot.js';
import type { JobContext, PlannedPost } from './types.js';
import { type DueItem, due, type PocCalendar, type ScheduledKind } from './planner.js';

/** The tick's snapshot (a fresh one when the context has no cache, e.g. a job run on its own). */
export async function tickSnapshot(ctx: Pick<JobContext, 'store' | 'cache'>): Promise<TickSnapshot> {
  const cached = ctx.cache?.get('snapshot');
  if (cached instanceof TickSnapshot) return cached;
  const snapshot = await TickSnapshot.load(ctx.store);
  ctx.cache?.set('snapshot', snapshot);
  return snapshot;
}

/** Open POCs whose jobs are not halted, with their holidays, as they stand now in the snapshot. */
export async function loadCalendars(ctx: Pick<JobContext, 'store' | 'cache'>): Promise<PocCalendar[]> {
  const snapshot = await tickSnapshot(ctx);
  return snapshot
    .pocs()
    .filter((p) => !isClosed(p.stage) && p.jobsHaltedReason === null)
    .map((poc) => ({ poc, holidays: snapshot.holidays(poc.id) }));
}

/**
 * loadCalendars and their due items once per tick, shared by the calendar jobs through ctx.cache.
 * Called after the stage job, so the stages it moved are the ones planned from.
 */
async function tickDue(ctx: Pick<JobContext, 'store' | 'cache' | 'now'>): Promise<{
  items: DueItem[];
  byId: Map<number, PocCalendar>;
}> {
  const cached = ctx.cache?.get('due') as { items: DueItem[]; byId: Map<number, PocCalendar> } | undefined;
  if (cached) return cached;
  const calendars = await loadCalendars(ctx);
  const result = { items: due(calendars, ctx.now), byId: new Map(calendars.map((c) => [c.poc.id, c])) };
  ctx.cache?.set('due', result);
  return result;
}

/**
 * The due items of these kinds whose key is not in the outbox yet, each with its calendar. Keys
 * already there are left out before any message is built: the same standup is due every minute
 * for the rest of its day, and only the first tick should do the work.
 */
export async function newDueItems(
  ctx: Pick<JobContext, 'store' | 'cache' | 'now' | 'calendarRoom' | 'note' | 'keepDue'>,
  kinds: readonly ScheduledKind[],
): Promise<Array<{ item: DueItem; cal: PocCalendar }>> {
  const { items: all, byId } = await tickDue(ctx);
  const items = all.filter((i) => kinds.includes(i.kind));
  if (items.length === 0) return [];
  const known = await ctx.store.outbox.statuses(items.map((i) => i.key));
  const fresh = items
    .filter((i) => !known.has(i.key))
    .flatMap((item) => {
      const cal = byId.get(item.pocId);
      return cal ? [{ item, cal }] : [];
    });
  const taken = withinRoom(ctx, fresh);
  // Those left wait for a later tick: their POCs stay due until then.
  for (const { item } of fresh.slice(taken.length)) ctx.keepDue?.(item.pocId);
  return taken;
}

/**
 * The first of these new items that the outbox has room for (in the calendar's order, POC by POC);
 * the rest are left for a later tick, which finds them still due and not yet queued.
 */
function withinRoom<T>(ctx: Pick<JobContext, 'calendarRoom' | 'note'>, fresh: T[]): T[] {
  const room = ctx.calendarRoom;
  if (!room) return fresh;
  const taken = fresh.slice(0, room.left);
  room.left -= taken.length;
  const waiting = fresh.length - taken.length;
  if (waiting > 0)
    ctx.note?.(
      `${waiting} more due, queued as the outbox drains (it holds at most ${room.depth} calendar posts at once)`,
    );
  return taken;
}

/** What a due item fixes of its post: the key, the POC, the kind, where it goes and when. */
export function duePost(item: DueItem): Pick<PlannedPost, 'key' | 'pocId' | 'kind' | 'target' | 'dueAt' | 'expiresAt'> {
  return {
    key: item.key,
    pocId: item.pocId,
    kind: item.kind,
    target: item.target,
    dueAt: item.dueAt,
    expiresAt: item.expiresAt,
  };
}

/** What every calendar post (standup, checkpoint, reminder) shows of the POC on `day`, read as it stands now (the customer side's days off: the channel's calendar). */
export async function calendarView(
  store: Store,
  poc: Poc,
  day: LocalDate,
  /** The customer's holidays, when the caller has just read them (the dispatcher's recheck). */
  known?: Holidays,
): Promise<{
  holidays: Holidays;
  view: { poc: Poc; today: LocalDate; timeline: Timeline; progress: Progress; standings: CriterionStanding[] };
}> {
  const holidays = known ?? (await pocCalendars(store, poc)).customer;
  const standings = await activeStandings(store, poc.id);
  return {
    holidays,
    view: { poc, today: day, timeline: timeline(poc, day, holidays), progress: progress(standings), standings },
  };
}
