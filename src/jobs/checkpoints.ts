// The weekly checkpoint, on the checkpoint weekday, at the standup time (after the standup).
import { progress } from '../domain/results.js';
import { timeline } from '../domain/timeline.js';
import { checkpointMessage } from '../slack/views/checkpoint.js';
import { duePost, loadStandings, newDueItems, tickSnapshot } from './calendars.js';
import type { Job, PlannedPost } from './types.js';

export const checkpointJob: Job = {
  name: 'checkpoints',
  *run(ctx): Iterable<PlannedPost> {
    for (const { item, cal } of newDueItems(ctx, ['checkpoint'])) {
      const { poc, holidays } = cal;
      const list = loadStandings(ctx, poc.id);
      const prog = progress(list);
      const openIssues = tickSnapshot(ctx).openIssues(poc.id);
      yield {
        ...duePost(item),
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
    }
  },
};
