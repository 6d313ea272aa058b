// The silence detector and the drift/fatigue nudges, every tick. The service decides and records
// (never on a dry run); this job only hands the posts to the outbox.
import type { Job, PlannedPost } from './types.js';

export const nudgeJob: Job = {
  name: 'nudges',
  run(ctx) {
    const { posts, notes } = ctx.services.nudges.sweep(ctx.now, { dryRun: ctx.dryRun });
    for (const line of notes) ctx.note?.(line);
    return posts.map(
      (p): PlannedPost => ({ key: p.key, pocId: p.pocId, kind: p.kind, target: p.target, message: p.message, summary: p.summary }),
    );
  },
};
