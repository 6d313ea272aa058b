// Calendar reminders: 2 business days before the end date, on the end date (channel), and on the
// readout date (DM to the SE and the AE).
import { progress } from '../domain/results.js';
import { timeline } from '../domain/timeline.js';
import type { OutgoingMessage } from '../services/ports.js';
import { endDayMessage, endSoonMessage, type ReminderView, readoutDayMessage } from '../slack/views/reminders.js';
import { duePost, loadStandings, newDueItems } from './calendars.js';
import type { ScheduledKind } from './planner.js';
import type { Job, PlannedPost } from './types.js';

const kinds = ['reminder_end_soon', 'reminder_end', 'reminder_readout'] as const satisfies readonly ScheduledKind[];

const builders: Record<(typeof kinds)[number], { build: (v: ReminderView) => OutgoingMessage; label: string }> = {
  reminder_end_soon: { build: endSoonMessage, label: 'end date is near' },
  reminder_end: { build: endDayMessage, label: 'end date' },
  reminder_readout: { build: readoutDayMessage, label: 'readout day (DM)' },
};

export const reminderJob: Job = {
  name: 'reminders',
  *run(ctx): Iterable<PlannedPost> {
    for (const { item, cal } of newDueItems(ctx, kinds)) {
      const kind = item.kind as (typeof kinds)[number];
      const builder = builders[kind];
      if (!builder) continue;
      const { poc, holidays } = cal;
      const list = loadStandings(ctx, poc.id);
      const view: ReminderView = {
        poc,
        today: item.localDate,
        progress: progress(list),
        standings: list,
        businessDaysLeft: timeline(poc, item.localDate, holidays).businessDaysLeft,
      };
      yield {
        ...duePost(item),
        message: builder.build(view),
        summary: `reminder, ${builder.label}, for "${poc.name}" (${view.progress.undecided} undecided)`,
      };
    }
  },
};
