// The silence detector and the drift/fatigue nudges, every tick. The service decides and records
// (never on a dry run); this job only hands the posts to the outbox.
import { tickSnapshot } from './calendars.js';
import type { Job, PlannedPost } from './types.js';

export const nudgeJob: Job = {
  name: 'nudges',
  async *run(ctx): AsyncIterable<PlannedPost> {
    const { posts, notes, left } = await ctx.services.nudgeSweep.sweep(ctx.now, {
      dryRun: ctx.dryRun,
      snapshot: await tickSnapshot(ctx),
      maxPosts: ctx.nudgeRoom?.left,
    });
    for (const line of notes) ctx.note?.(line);
    // Nudges found and not decided for lack of room: their POCs are planned again next tick.
    for (const pocId of left) ctx.keepDue?.(pocId);
    // rank 1: behind the calendar posts due at the same instant, which a later tick may queue (see QueueRoom).
    for (const p of posts)
      yield {
        key: p.key,
        pocId: p.pocId,
        kind: p.kind,
        target: p.target,
        message: p.message,
        summary: p.summary,
        rank: 1,
      };
  },
};
