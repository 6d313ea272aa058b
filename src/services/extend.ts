// `/poc extend <date> <reason>`: a new end date, only for named criteria that are still undecided,
// never past the 8-week limit, and from the second one on only with the AE's approval (a DM with
// Approve and Decline; nothing moves until they approve). Every move is recorded as an extension:
// the readout's planned-vs-actual calendar lists each, with who and why.
import { type LocalDate, localDate } from '../domain/calendar.js';
import { checkExtension, needsApproval, readoutDateFor } from '../domain/extension.js';
import type { Poc } from '../domain/poc.js';
import { quoteForSlack } from '../domain/quoted-text.js';
import { keepFirst } from '../domain/text.js';
import { extensionApprovalDm, extensionDecidedDm } from '../slack/views/extension-approval.js';
import type { Extension } from '../store/extensions.js';
import type { Store } from '../store/index.js';
import { CriteriaPosts } from './criteria-posts.js';
import type { ServiceContext } from './context.js';
import { changeablePoc, evaluatingStages } from './poc-access.js';
import type { ScoreboardService } from './scoreboard.js';
import { activeStandings } from './standings.js';

export const extendUsage =
  'Usage: `/poc extend <YYYY-MM-DD> <reason naming the undecided criteria>`, e.g. `/poc extend 2026-12-11 criteria 2 and 4 need the staging data`.';

export interface EndDateMove {
  newEndDate: LocalDate;
  reason: string;
  criterionPositions: number[];
  by: string;
  at: string;
  /** Who approved it, when it waited for approval. */
  approvedBy?: string;
}

/**
 * A new end date, recorded as a granted extension: the readout moves with it, and a POC past its
 * old end (in readout) runs again. In the caller's transaction. `/poc extend` and time given for an
 * accepted scope request both come here.
 */
export async function moveEndDate(store: Store, poc: Poc, move: EndDateMove): Promise<void> {
  const readoutDate = readoutDateFor(poc, move.newEndDate);
  await store.extensions.insert({
    pocId: poc.id,
    previousEndDate: poc.endDate,
    newEndDate: move.newEndDate,
    previousReadoutDate: poc.readoutDate,
    newReadoutDate: readoutDate,
    reason: keepFirst(move.reason, 3000).kept,
    criterionPositions: move.criterionPositions,
    requestedBy: move.by,
    requestedAt: move.at,
    status: 'granted',
    decidedBy: move.by,
    decidedAt: move.at,
  });
  await applyMove(store, poc, move.newEndDate, readoutDate, move.at);
}

async function applyMove(
  store: Store,
  poc: Poc,
  newEndDate: LocalDate,
  readoutDate: LocalDate,
  at: string,
): Promise<void> {
  await store.pocs.update(poc.id, {
    endDate: newEndDate,
    readoutDate,
    ...(poc.stage === 'readout' ? { stage: 'active' as const } : {}),
    updatedAt: at,
  });
}

const which = (positions: number[]) =>
  positions.length === 1 ? `criterion ${positions[0]}` : `criteria ${positions.join(', ')}`;

export class ExtendService {
  private readonly posts: CriteriaPosts;

  constructor(
    private readonly deps: ServiceContext,
    private readonly scoreboard: ScoreboardService,
  ) {
    this.posts = new CriteriaPosts(deps);
  }

  /** `pending`: recorded, waiting for the AE's approval; nothing moved yet. */
  async extend(input: {
    teamId: string;
    channelId: string;
    userId: string;
    newEndDate: string;
    reason: string;
  }): Promise<{ ok: boolean; message: string; pending?: boolean }> {
    const access = await changeablePoc(
      this.deps.store,
      input.teamId,
      input.channelId,
      input.userId,
      'extend the end date',
    );
    if (!access.ok) return access;
    const { poc } = access;
    if (!evaluatingStages.has(poc.stage))
      return {
        ok: false,
        message: 'Only a signed-off POC can be extended; change the dates of a draft with `/poc edit`.',
      };
    const { store, clock, delivery } = this.deps;
    const all = await store.extensions.forPoc(poc.id);
    const pending = all.find((x) => x.status === 'awaiting_approval');
    if (pending) {
      return {
        ok: false,
        message: `An extension to ${pending.newEndDate} already waits for <@${poc.aeId}>'s approval (asked by <@${pending.requestedBy}>). Nothing moves until the AE approves or declines it.`,
      };
    }
    const now = clock.now();
    const check = checkExtension({
      poc,
      standings: await activeStandings(store, poc.id),
      newEndDate: input.newEndDate,
      reason: input.reason,
      today: localDate(now, poc.timeZone),
    });
    if (!check.ok) return { ok: false, message: check.reason };
    const at = now.toISOString();
    const granted = all.filter((x) => x.status === 'granted').length;

    if (needsApproval(poc, granted, input.userId)) {
      const asked = await store.extensions.insert({
        pocId: poc.id,
        previousEndDate: poc.endDate,
        newEndDate: input.newEndDate,
        previousReadoutDate: poc.readoutDate,
        newReadoutDate: check.readoutDate,
        reason: keepFirst(input.reason, 3000).kept,
        criterionPositions: check.positions,
        requestedBy: input.userId,
        requestedAt: at,
        status: 'awaiting_approval',
      });
      const dm = await delivery.direct(poc.aeId, extensionApprovalDm({ poc, extension: asked, granted }), {
        poc,
        what: 'the request to approve an extension',
      });
      if (!dm.ok) {
        // Nobody could be asked: nothing is left waiting for an answer that cannot come.
        await store.extensions.remove(asked.id);
        return {
          ok: false,
          message: `Not extended. A ${ordinal(granted + 1)} extension needs the AE's approval, and I could not ask <@${poc.aeId}>: ${dm.notice}`,
        };
      }
      return {
        ok: true,
        pending: true,
        message: `This would be extension ${granted + 1} of this POC, so it needs the AE's approval: I asked <@${poc.aeId}> by DM to approve moving the end date from ${poc.endDate} to ${input.newEndDate} for ${which(check.positions)}. Nothing moves until they approve.`,
      };
    }

    await store.transaction(async () =>
      moveEndDate(store, poc, {
        newEndDate: input.newEndDate,
        reason: input.reason,
        criterionPositions: check.positions,
        by: input.userId,
        at,
      }),
    );
    const message =
      `End date moved from ${poc.endDate} to ${input.newEndDate} by <@${input.userId}> for ${which(check.positions)}: ${quoteForSlack(input.reason)}` +
      (check.readoutDate !== poc.readoutDate ? ` Readout moved to ${check.readoutDate}.` : '');
    return this.announce(poc, message, `extension:${poc.id}:${at}`);
  }

  /** Approve or Decline on the AE's DM. Only the POC's AE decides; a second click is told who did. */
  async decide(input: {
    teamId: string;
    userId: string;
    extensionId: number;
    approve: boolean;
    dm?: { channel: string; ts: string };
  }): Promise<{ ok: boolean; message: string }> {
    const { store, clock, delivery, logger } = this.deps;
    const ext = await store.extensions.byId(input.extensionId);
    const poc = ext ? await store.pocs.byId(ext.pocId) : undefined;
    if (!ext || !poc || poc.teamId !== input.teamId)
      return { ok: false, message: 'That extension request is no longer on record.' };
    if (input.userId !== poc.aeId)
      return {
        ok: false,
        message: `Only the AE of ${poc.name}, <@${poc.aeId}>, can approve or decline its extensions.`,
      };
    if (ext.status !== 'awaiting_approval') {
      await this.refreshDm(poc, ext, input.dm);
      return {
        ok: false,
        message: `Already ${ext.status === 'granted' ? 'approved' : 'declined'} by <@${ext.decidedBy ?? ''}>.`,
      };
    }
    if (poc.closedAt !== null || !evaluatingStages.has(poc.stage))
      return { ok: false, message: `${poc.name} is no longer being evaluated: nothing moves.` };
    const now = clock.now();
    const at = now.toISOString();
    if (!input.approve) {
      await store.extensions.decide(ext.id, { status: 'declined', by: input.userId, at });
      const declined = (await store.extensions.byId(ext.id)) ?? ext;
      await this.refreshDm(poc, declined, input.dm);
      await delivery.direct(
        ext.requestedBy,
        {
          text: `<@${input.userId}> declined the extension of ${poc.name} to ${ext.newEndDate}: the end date stays ${poc.endDate}.`,
        },
        { poc, what: 'the answer to your extension request' },
      );
      return { ok: true, message: `Declined: the end date of ${poc.name} stays ${poc.endDate}.` };
    }
    // The POC may have moved on while the request waited: the same rule, against how it stands now.
    const check = checkExtension({
      poc,
      standings: await activeStandings(store, poc.id),
      newEndDate: ext.newEndDate,
      reason: ext.reason,
      today: localDate(now, poc.timeZone),
    });
    if (!check.ok)
      return {
        ok: false,
        message: `It cannot be approved as it stands now: ${check.reason} Decline it, and the SE can ask again.`,
      };
    const decided = await store.transaction(async () => {
      const ok = await store.extensions.decide(ext.id, {
        status: 'granted',
        by: input.userId,
        at,
        previousEndDate: poc.endDate,
        previousReadoutDate: poc.readoutDate,
        newReadoutDate: check.readoutDate,
      });
      if (ok) await applyMove(store, poc, ext.newEndDate, check.readoutDate, at);
      return ok;
    });
    if (!decided) return { ok: false, message: 'Already decided.' };
    await this.refreshDm(poc, (await store.extensions.byId(ext.id)) ?? ext, input.dm);
    const message =
      `End date moved from ${poc.endDate} to ${ext.newEndDate} for ${which(check.positions)}, asked by <@${ext.requestedBy}> and approved by <@${input.userId}>: ${quoteForSlack(ext.reason)}` +
      (check.readoutDate !== poc.readoutDate ? ` Readout moved to ${check.readoutDate}.` : '');
    const done = await this.announce(poc, message, `extension:${poc.id}:${at}`);
    if (ext.requestedBy !== input.userId) {
      await delivery.direct(
        ext.requestedBy,
        { text: `<@${input.userId}> approved the extension of ${poc.name}: ${message}` },
        { poc, what: 'the answer to your extension request' },
      );
    }
    logger.info(`POC ${poc.id}: extension ${ext.id} approved by ${input.userId}`);
    return done;
  }

  private async announce(poc: Poc, message: string, key: string): Promise<{ ok: boolean; message: string }> {
    const announced = await this.deps.delivery.post(
      poc,
      { text: message },
      { key, kind: 'announcement', what: 'the announcement of the new end date', tell: null },
    );
    await this.scoreboard.refresh(poc.id);
    await this.posts.redraw(poc.id);
    if (announced.status === 'queued')
      return {
        ok: true,
        message: `${message}\n(Slack is busy: the announcement will be posted in the channel within a few minutes.)`,
      };
    if (announced.status === 'failed') return { ok: true, message: `${message}\n${announced.notice}` };
    return { ok: true, message };
  }

  private async refreshDm(poc: Poc, ext: Extension, dm: { channel: string; ts: string } | undefined): Promise<void> {
    if (!dm) return;
    await this.deps.slack
      .updateMessage(dm.channel, dm.ts, extensionDecidedDm({ poc, extension: ext }))
      .catch((err: unknown) => {
        this.deps.logger.warn(
          `extension ${ext.id}: could not update the approval DM: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
  }
}

function ordinal(n: number): string {
  return n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}
