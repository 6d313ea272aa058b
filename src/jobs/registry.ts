// Every job tick runs, in this order. To add one: write `src/jobs/<name>.ts` exporting a `Job`
// (see types.ts: run(ctx) returns the posts due at ctx.now, each under a unique key; it writes
// nothing when ctx.dryRun), import it here and append it to the list. The outbox and the
// dispatcher do the rest: a key already in the outbox is never sent again.
import { checkpointJob } from './checkpoints.js';
import { handoffReminderJob } from './handoff-reminder.js';
import { nudgeJob } from './nudge-job.js';
import { reminderJob } from './reminders.js';
import { stageJob } from './stages.js';
import { standupJob } from './standups.js';
import type { Job } from './types.js';

export const jobRegistry: Job[] = [
  // First: the other jobs plan from the stage the calendar puts each POC in.
  stageJob,
  standupJob,
  checkpointJob,
  reminderJob,
  // Runs for closed (won) POCs only; every other job plans for open ones.
  handoffReminderJob,
  nudgeJob,
];
