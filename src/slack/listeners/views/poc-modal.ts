// Submitting the criteria-document modal (`/poc new` and `/poc edit`). Errors go back inline,
// under the input they concern, and nothing is stored; on success the modal closes at once and
// the posting happens after the ack.
import type { ViewSubmitAction } from '@slack/bolt';
import type { DraftErrors } from '../../../domain/poc-draft.js';
import { pocModal } from '../../ids.js';
import type { ModalRow } from '../../views/poc-modal.js';
import {
  decodeMeta,
  errorsByBlock,
  readModalValues,
  type StateValues,
  withoutBlankRows,
} from '../../views/poc-modal-state.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

function inline(
  ack: Ack,
  errors: DraftErrors,
  rows: ModalRow[],
  allRows: ModalRow[],
  datesLocked: boolean,
): Promise<void> {
  const byBlock = errorsByBlock(errors, rows, allRows, datesLocked);
  if (Object.keys(byBlock).length === 0)
    byBlock[pocModal.blocks.name] = 'Something in this form is not valid; please check it.';
  return ack({ response_action: 'errors', errors: byBlock });
}

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(pocModal.callbackId, async ({ ack, body, view, logger }) => {
    const meta = decodeMeta(view.private_metadata);
    if (!meta) {
      await ack({
        response_action: 'errors',
        errors: { [pocModal.blocks.name]: 'This form is out of date: close it and run the command again.' },
      });
      return;
    }
    const all = readModalValues(view.state.values as StateValues, meta.rows, meta.lockedDates);
    const { input, rows } = withoutBlankRows(all, meta.rows);
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const userId = body.user.id;
    const failed = 'Saving failed; nothing was stored. Please try again.';
    const locked = Boolean(meta.lockedDates);
    const refuse = async (pocId: number, refusal: string) => {
      // E.g. the POC was deleted or closed while the modal was open: say so in the form, change nothing.
      logger.info(`edit of POC ${pocId} by ${userId} refused: ${refusal}`);
      await ack({ response_action: 'errors', errors: { [pocModal.blocks.name]: refusal } });
    };
    // An edit that cannot be saved at all is answered before anything is asked of Slack.
    const early =
      meta.mode === 'edit' && meta.pocId !== null
        ? await deps.services.editPoc.precheck({ teamId, pocId: meta.pocId, userId })
        : undefined;
    if (early && meta.pocId !== null) return refuse(meta.pocId, early);
    // Whether the channel is shared, and whose workspace each evaluator is in: a few Slack calls,
    // side by side and time-limited, inside the 3 s this answer has.
    // A new POC also needs the lead evaluator's zone (their country, their working day): asked beside them.
    const [facts, leadZone] = await Promise.all([
      deps.services.orgFacts.lookup({
        channelId: meta.channelId,
        vendorTeamId: teamId,
        userIds: [input.evaluatorId, ...input.evaluatorIds],
      }),
      meta.mode === 'new' && input.evaluatorId
        ? deps.services.people.zone(input.evaluatorId)
        : Promise.resolve(undefined),
    ]);

    if (meta.mode === 'new') {
      let result: Awaited<ReturnType<typeof deps.services.createPoc.submit>>;
      try {
        result = await deps.services.createPoc.submit({
          teamId,
          channelId: meta.channelId,
          userId,
          input,
          facts,
          leadZone,
        });
      } catch (err) {
        logger.error('saving a new POC failed:', err);
        await ack({ response_action: 'errors', errors: { [pocModal.blocks.name]: failed } });
        return;
      }
      if (!result.ok) return inline(ack, result.errors, rows, meta.rows, locked);
      await ack();
      await deps.services.createPoc.publish(result.poc, userId, result.warnings);
      return;
    }

    if (meta.pocId === null) return inline(ack, {}, rows, meta.rows, locked);
    let result: Awaited<ReturnType<typeof deps.services.editPoc.submit>>;
    try {
      result = await deps.services.editPoc.submit({
        teamId,
        pocId: meta.pocId,
        userId,
        input,
        slots: rows.map((r) => r.criterionId),
        facts,
      });
    } catch (err) {
      logger.error(`saving an edit of POC ${meta.pocId} failed:`, err);
      await ack({ response_action: 'errors', errors: { [pocModal.blocks.name]: failed } });
      return;
    }
    if (!result.ok) {
      if ('refusal' in result) return refuse(meta.pocId, result.refusal);
      return inline(ack, result.errors, rows, meta.rows, locked);
    }
    await ack();
    await deps.services.editPoc.publish(result, userId);
  });
}
