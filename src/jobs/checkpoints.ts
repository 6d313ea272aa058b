// The weekly checkpoint, on the checkpoint weekday, at the standup time (after the standup). Like
// the standup, it is planned for every running POC at once and built when it is sent
// (renderCheckpoint), so the criteria it lists are the ones standing when it goes out.
import type { Holidays, LocalDate } from '../domain/calendar.js';
import type { Poc } from '../domain/poc.js';
import type { OutgoingMessage } from '../services/ports.js';
import { checkpointMessage } from '../slack/views/checkpoint.js';
import type { Store } from '../store/index.js';
import { calendarView, duePost, newDueItems, tickSnapshot } from './calendars.js';
import { scheduledKeys } from './planner.js';
import type { Job, PlannedPost } from './types.js';

export const checkpointJob: Job = {
  name: 'checkpoints',
  async *run(ctx): AsyncIterable<PlannedPost> {
    const snapshot = await tickSnapshot(ctx);
    for (const { item, cal } of await newDueItems(ctx, ['checkpoint'])) {
      const { decided, total } = snapshot.progress(cal.poc.id);
      yield {
        ...duePost(item),
        message: { deferred: { view: 'checkpoint', day: item.localDate } },
        summary: `weekly checkpoint for "${cal.poc.name}" (${decided}/${total} decided, ${snapshot.openIssues(cal.poc.id)} open issues)`,
      };
    }
  },
};

/** The checkpoint for `day` as the POC stands now: its criteria, votes, open issues and days off read fresh. */
export async function renderCheckpoint(
  store: Store,
  poc: Poc,
  day: LocalDate,
  known?: Holidays,
): Promise<OutgoingMessage> {
  return checkpointMessage({
    ...(await calendarView(store, poc, day, known)).view,
    openIssues: (await store.issues.forPoc(poc.id)).filter((i) => i.resolvedAt === null).length,
    key: scheduledKeys.checkpoint(poc.id, day),
  });
}
