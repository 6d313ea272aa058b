// "Add criterion" and "Remove" inside the criteria-document modal: the same modal comes back
// with one row more or less and everything typed still in place.
import { z } from 'zod';
import { pocModal } from '../../ids.js';
import { buildPocModal } from '../../views/poc-modal.js';
import { addRow, decodeMeta, readModalValues, removeRow } from '../../views/poc-modal-state.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const modalAction = z.object({
  view: z.object({
    id: z.string().min(1),
    hash: z.string().optional(),
    private_metadata: z.string().optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }).optional(),
  }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  for (const actionId of [pocModal.addCriterion, pocModal.removeCriterion]) {
    app.action(actionId, async ({ ack, body, logger }) => {
      await ack();
      const parsed = modalAction.safeParse(body);
      const meta = parsed.success ? decodeMeta(parsed.data.view.private_metadata) : undefined;
      if (!parsed.success || !meta) {
        logger.warn(`${actionId}: not a POC modal payload`);
        return;
      }
      const { view, actions } = parsed.data;
      const values = readModalValues(view.state?.values ?? {}, meta.rows, meta.lockedDates);
      const slot = Number(actions[0]?.value);
      const rows = actionId === pocModal.addCriterion ? addRow(meta.rows) : removeRow(meta.rows, slot);
      const bySlot = new Map(meta.rows.map((r, i) => [r.slot, values.criteria[i]]));
      const criteria = rows.map((r) => bySlot.get(r.slot) ?? { statement: '', threshold: '', category: undefined });
      try {
        await deps.services.createPoc.updateModal(
          view.id,
          buildPocModal({ ...meta, rows }, { ...values, criteria }),
          view.hash,
        );
      } catch (err) {
        // hash_conflict: another click already updated the view; that one wins.
        logger.warn(`${actionId}: views.update failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
}
