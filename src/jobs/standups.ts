// The daily async standup, at the standup time on each business day from start to end. The tick
// plans one for every running POC at once, and the dispatcher sends a few hundred per tick: so
// the message is built when it is sent (renderStandup), from the criteria as they stand then,
// not from a snapshot that may be minutes old by the time its turn comes.
import type { Holidays, LocalDate } from '../domain/calendar.js';
import type { Poc } from '../domain/poc.js';
import { timeline } from '../domain/timeline.js';
import type { OutgoingMessage } from '../services/ports.js';
import { standupMessage } from '../slack/views/standup.js';
import type { Store } from '../store/index.js';
import { calendarView, duePost, newDueItems, tickSnapshot } from './calendars.js';
import { weekAgenda } from './planner.js';
import type { Job, PlannedPost } from './types.js';

export const standupJob: Job = {
  name: 'standups',
  async *run(ctx): AsyncIterable<PlannedPost> {
    const snapshot = await tickSnapshot(ctx);
    for (const { item, cal } of await newDueItems(ctx, ['standup'])) {
      const line = timeline(cal.poc, item.localDate, cal.holidays);
      // From the snapshot's bulk read, which the nudge sweep reads anyway: the report line costs no query.
      const { decided, total } = snapshot.progress(cal.poc.id);
      yield {
        ...duePost(item),
        message: { deferred: { view: 'standup', day: item.localDate } },
        summary: `standup for "${cal.poc.name}" (day ${line.businessDay ?? '?'} of ${line.totalBusinessDays}, ${decided}/${total} decided)`,
      };
    }
  },
};

/** The standup for `day` as the POC stands now: its criteria, votes and days off read fresh. */
export async function renderStandup(
  store: Store,
  poc: Poc,
  day: LocalDate,
  known?: Holidays,
): Promise<OutgoingMessage> {
  const { holidays, view } = await calendarView(store, poc, day, known);
  return standupMessage({ ...view, agenda: weekAgenda(poc, day, holidays) });
}
