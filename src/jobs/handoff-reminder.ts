// 30 days after a POC is won, the SE gets a DM: are the success metrics still tracking?
import { addDays, localDate, zonedInstant } from '../domain/calendar.js';
import { handoffReminderDay, metricOutcome } from '../domain/readout-model.js';
import { handoffReminderMessage } from '../slack/views/handoff.js';
import type { Job, PlannedPost } from './types.js';

/** After a week of downtime the reminder is stale: plan it only this many days past its day. */
export const handoffReminderCatchUpDays = 7;

export const handoffReminderKey = (pocId: number) => `handoff-reminder:${pocId}`;

export const handoffReminderJob: Job = {
  name: 'handoff-reminder',
  async run(ctx): Promise<PlannedPost[]> {
    return (await ctx.store.pocs.listInStages(['won'])).flatMap((poc) => {
      const day = handoffReminderDay(poc);
      if (!day) return [];
      const today = localDate(ctx.now, poc.timeZone);
      if (today < day || today > addDays(day, handoffReminderCatchUpDays)) return [];
      // At the POC's standup time: the hour the SE is used to hearing from the bot.
      const dueAt = zonedInstant(day, poc.standupTime, poc.timeZone);
      if (ctx.now.getTime() < dueAt.getTime()) return [];
      return [
        {
          key: handoffReminderKey(poc.id),
          pocId: poc.id,
          kind: 'handoff_reminder',
          target: poc.seId,
          dueAt,
          message: handoffReminderMessage(poc, metricOutcome(poc)),
          summary: `30 days since "${poc.name}" was won: check the metrics still track (DM to the SE)`,
        },
      ];
    });
  },
};
