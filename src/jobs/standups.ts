// The daily async standup, at the standup time on each business day from start to end.
import { progress } from '../domain/results.js';
import { timeline } from '../domain/timeline.js';
import { standupMessage } from '../slack/views/standup.js';
import { duePost, loadStandings, newDueItems } from './calendars.js';
import { weekAgenda } from './planner.js';
import type { Job, PlannedPost } from './types.js';

export const standupJob: Job = {
  name: 'standups',
  *run(ctx): Iterable<PlannedPost> {
    for (const { item, cal } of newDueItems(ctx, ['standup'])) {
      const { poc, holidays } = cal;
      const list = loadStandings(ctx, poc.id);
      const line = timeline(poc, item.localDate, holidays);
      const prog = progress(list);
      yield {
        ...duePost(item),
        message: standupMessage({
          poc,
          today: item.localDate,
          timeline: line,
          progress: prog,
          standings: list,
          agenda: weekAgenda(poc, item.localDate, holidays),
        }),
        summary: `standup for "${poc.name}" (day ${line.businessDay ?? '?'} of ${line.totalBusinessDays}, ${prog.decided}/${prog.total} decided)`,
      };
    }
  },
};
