// Stage changes the calendar makes: signed_off → active on the start date, active → readout
// after the end date. Idempotent: a POC already in the stage its calendar says is left alone.
import { localDate } from '../domain/calendar.js';
import { loadCalendars, tickSnapshot } from './calendars.js';
import { stageTransition } from './planner.js';
import type { Job, PlannedPost } from './types.js';

export const stageJob: Job = {
  name: 'stages',
  async run(ctx): Promise<PlannedPost[]> {
    const snapshot = await tickSnapshot(ctx);
    for (const { poc } of await loadCalendars(ctx)) {
      const change = stageTransition(poc, ctx.now);
      if (!change) continue;
      const today = localDate(ctx.now, poc.timeZone);
      ctx.note?.(
        `${ctx.dryRun ? 'would move' : 'moved'} "${poc.name}" (POC ${poc.id}) from ${change.from} to ${change.to} (${today} in ${poc.timeZone})`,
      );
      if (ctx.dryRun) continue;
      const moved = await ctx.store.pocs.update(poc.id, { stage: change.to, updatedAt: ctx.now.toISOString() });
      // The jobs after this one plan from the snapshot: they must see the new stage.
      if (moved) snapshot.replacePoc(moved);
    }
    return [];
  },
};
