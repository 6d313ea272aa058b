// Submission of the "accept scope request" modal: a new end date, a dropped criterion, or both.
import { z } from 'zod';
import { payloadTeam, payloadUser } from '../payload-fields.js';
import { scopeAcceptModal } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const metadata = z.object({ requestId: z.number().int().positive() });
const submission = z.object({
  user: payloadUser,
  team: payloadTeam,
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.record(
        z.string(),
        z.record(
          z.string(),
          z.object({
            selected_date: z.string().nullable().optional(),
            selected_option: z.object({ value: z.string() }).nullable().optional(),
          }),
        ),
      ),
    }),
  }),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.view(scopeAcceptModal.callbackId, async ({ ack, body, context, logger }) => {
    const parsed = submission.safeParse(body);
    const teamId = context.teamId ?? (parsed.success ? parsed.data.team?.id : undefined);
    let meta: z.infer<typeof metadata> | undefined;
    try {
      meta = parsed.success ? metadata.parse(JSON.parse(parsed.data.view.private_metadata)) : undefined;
    } catch {
      meta = undefined;
    }
    if (!parsed.success || !teamId || !meta) {
      logger.warn('scope accept modal: unreadable submission');
      await ack({
        response_action: 'errors',
        errors: { [scopeAcceptModal.newEndBlock]: 'Something went wrong; close this and click Accept again.' },
      });
      return;
    }
    const values = parsed.data.view.state.values;
    const newEndDate =
      values[scopeAcceptModal.newEndBlock]?.[scopeAcceptModal.newEndAction]?.selected_date ?? undefined;
    const drop = values[scopeAcceptModal.dropBlock]?.[scopeAcceptModal.dropAction]?.selected_option?.value;
    let result: Awaited<ReturnType<typeof deps.services.scope.accept>>;
    try {
      result = await deps.services.scope.accept({
        teamId,
        userId: parsed.data.user.id,
        requestId: meta.requestId,
        newEndDate,
        dropCriterionId: drop && /^\d+$/.test(drop) ? Number(drop) : undefined,
      });
    } catch (err) {
      // The decision is one transaction: a failure stores none of it. Say so in the form, within the 3 s.
      logger.error(`accepting scope request ${meta.requestId} failed:`, err);
      await ack({
        response_action: 'errors',
        errors: { [scopeAcceptModal.newEndBlock]: 'Saving failed; nothing was stored. Please try again.' },
      });
      return;
    }
    if (result.ok) {
      await ack();
      await result.announce();
      return;
    }
    // 'general': the request, or its POC, is gone or decided meanwhile; nothing was changed.
    if (result.field === 'general') logger.info(`scope request ${meta.requestId}: accept refused: ${result.message}`);
    const block = result.field === 'drop' ? scopeAcceptModal.dropBlock : scopeAcceptModal.newEndBlock;
    await ack({ response_action: 'errors', errors: { [block]: result.message } });
  });
}
