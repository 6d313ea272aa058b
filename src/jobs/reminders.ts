// Calendar reminders: 2 business days before the end date, on the end date (channel), and on the
// readout date (DM to the SE and the AE). Built when they are sent (renderReminder), as standups are.
import type { Holidays, LocalDate } from '../domain/calendar.js';
import type { Poc } from '../domain/poc.js';
import type { OutgoingMessage } from '../services/ports.js';
import { endDayMessage, endSoonMessage, type ReminderView, readoutDayMessage } from '../slack/views/reminders.js';
import type { Store } from '../store/index.js';
import { calendarView, duePost, newDueItems, tickSnapshot } from './calendars.js';
import type { ScheduledKind } from './planner.js';
import type { Job, PlannedPost } from './types.js';

const kinds = ['reminder_end_soon', 'reminder_end', 'reminder_readout'] as const satisfies readonly ScheduledKind[];
type ReminderKind = (typeof kinds)[number];

const builders: Record<ReminderKind, { build: (v: ReminderView) => OutgoingMessage; label: string }> = {
  reminder_end_soon: { build: endSoonMessage, label: 'end date is near' },
  reminder_end: { build: endDayMessage, label: 'end date' },
  reminder_readout: { build: readoutDayMessage, label: 'readout day (DM)' },
};

export const reminderJob: Job = {
  name: 'reminders',
  async *run(ctx): AsyncIterable<PlannedPost> {
    const snapshot = await tickSnapshot(ctx);
    for (const { item, cal } of await newDueItems(ctx, kinds)) {
      const kind = item.kind as ReminderKind;
      yield {
        ...duePost(item),
        message: { deferred: { view: 'reminder', kind, day: item.localDate } },
        summary: `reminder, ${builders[kind].label}, for "${cal.poc.name}" (${snapshot.progress(cal.poc.id).undecided} undecided)`,
      };
    }
  },
};

/** The reminder of this kind for `day` as the POC stands now. */
export async function renderReminder(
  store: Store,
  poc: Poc,
  kind: ReminderKind,
  day: LocalDate,
  known?: Holidays,
): Promise<OutgoingMessage> {
  const { view } = await calendarView(store, poc, day, known);
  return builders[kind].build({ ...view, businessDaysLeft: view.timeline.businessDaysLeft });
}
