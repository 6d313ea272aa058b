// The weekly checkpoint, on the checkpoint weekday, at the standup time (after the standup).
import { progress } from '../domain/results.js';
import { timeline } from '../domain/timeline.js';
import { checkpointMessage } from '../slack/views/checkpoint.js';
import { loadStandings, newDueItems } from './calendars.js';
import type { Job, PlannedPost } from './types.js';

export const checkpointJob: Job = {
  name: 'checkpoints',
  run(ctx): PlannedPost[] {
    return newDueItems(ctx, ['checkpoint']).map(({ item, cal }) => {
      const { poc, holidays } = cal;
      const list = loadStandings(ctx.store, poc.id);
      const prog = progress(list);
      const openIssues = ctx.store.issues.forPoc(poc.id).filter((i) => i.resolvedAt === null).length;
      return {
        key: item.key,
        pocId: poc.id,
        kind: item.kind,
        target: item.target,
        dueAt: item.dueAt,
        expiresAt: item.expiresAt,
        message: checkpointMessage({
          poc,
          today: item.localDate,
          timeline: timeline(poc, item.localDate, holidays),
          progress: prog,
          standings: list,
          openIssues,
          key: item.key,
        }),
        summary: `weekly checkpoint for "${poc.name}" (${prog.decided}/${prog.total} decided, ${openIssues} open issues)`,
      };
    });
  },
};
