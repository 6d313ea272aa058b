// `/poc extend <date> <reason>`: a new end date, only for named criteria that are still undecided.
import { type LocalDate, localDate } from '../domain/calendar.js';
import { checkExtension, readoutDateFor } from '../domain/extension.js';
import type { Poc } from '../domain/poc.js';
import type { Store } from '../store/index.js';
import { changeablePoc, evaluatingStages } from './poc-access.js';
import type { ServiceContext } from './index.js';
import { quoteForSlack } from '../domain/quoted-text.js';
import type { ScoreboardService } from './scoreboard.js';
import { CriteriaPosts } from './criteria-posts.js';
import { activeStandings } from './standings.js';
import { keepFirst } from '../domain/text.js';

export const extendUsage = 'Usage: `/poc extend <YYYY-MM-DD> <reason naming the undecided criteria>`, e.g. `/poc extend 2026-12-11 criteria 2 and 4 need the staging data`.';

/**
 * A new end date, recorded as an extension: the readout moves with it, and a POC past its old end
 * (in readout) runs again. In the caller's transaction. `/poc extend` and time given for an
 * accepted scope request both come here.
 */
export function moveEndDate(
  store: Store,
  poc: Poc,
  move: { newEndDate: LocalDate; reason: string; criterionPositions: number[]; by: string; at: string },
): void {
  store.extensions.insert({
    pocId: poc.id,
    previousEndDate: poc.endDate,
    newEndDate: move.newEndDate,
    reason: keepFirst(move.reason, 3000).kept,
    criterionPositions: move.criterionPositions,
    requestedBy: move.by,
    requestedAt: move.at,
  });
  store.pocs.update(poc.id, {
    endDate: move.newEndDate,
    readoutDate: readoutDateFor(poc, move.newEndDate),
    ...(poc.stage === 'readout' ? { stage: 'active' as const } : {}),
    updatedAt: move.at,
  });
}

export class ExtendService {
  private readonly posts: CriteriaPosts;

  constructor(
    private readonly deps: ServiceContext,
    private readonly scoreboard: ScoreboardService,
  ) {
    this.posts = new CriteriaPosts(deps);
  }

  async extend(input: { teamId: string; channelId: string; userId: string; newEndDate: string; reason: string }): Promise<{ ok: boolean; message: string }> {
    const access = changeablePoc(this.deps.store, input.teamId, input.channelId, input.userId, 'extend the end date');
    if (!access.ok) return access;
    const { poc } = access;
    if (!evaluatingStages.has(poc.stage)) return { ok: false, message: 'Only a signed-off POC can be extended; change the dates of a draft with `/poc edit`.' };
    const { store, clock, delivery } = this.deps;
    const now = clock.now();
    const check = checkExtension({
      poc,
      standings: activeStandings(store, poc.id),
      newEndDate: input.newEndDate,
      reason: input.reason,
      today: localDate(now, poc.timeZone),
    });
    if (!check.ok) return { ok: false, message: check.reason };
    const at = now.toISOString();
    store.transaction(() =>
      moveEndDate(store, poc, { newEndDate: input.newEndDate, reason: input.reason, criterionPositions: check.positions, by: input.userId, at }),
    );
    const which = check.positions.length === 1 ? `criterion ${check.positions[0]}` : `criteria ${check.positions.join(', ')}`;
    const message = `End date moved from ${poc.endDate} to ${input.newEndDate} by <@${input.userId}> for ${which}: ${quoteForSlack(input.reason)}` +
      (check.readoutDate !== poc.readoutDate ? ` Readout moved to ${check.readoutDate}.` : '');
    const announced = await delivery.post(poc, { text: message }, {
      key: `extension:${poc.id}:${at}`,
      kind: 'announcement',
      what: 'the announcement of the new end date',
      tell: null,
    });
    await this.scoreboard.refresh(poc.id);
    await this.posts.redraw(poc.id);
    if (announced.status === 'queued') return { ok: true, message: `${message}\n(Slack is busy: the announcement will be posted in the channel within a few minutes.)` };
    if (announced.status === 'failed') return { ok: true, message: `${message}\n${announced.notice}` };
    return { ok: true, message };
  }
}
