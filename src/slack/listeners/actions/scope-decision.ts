// "Defer to a later phase" / "Accept…" under `/poc scope` (value = scope request id).
import { z } from 'zod';
import { payloadTeam, payloadUser } from '../payload-fields.js';
import { scopeAcceptAction, scopeDeferAction } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const click = z.object({
  user: payloadUser,
  team: payloadTeam,
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ value: z.string().regex(/^\d+$/) })).min(1),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.action(scopeDeferAction, async ({ ack, body, respond, context }) => {
    await ack();
    const parsed = click.safeParse(body);
    const teamId = context.teamId ?? (parsed.success ? parsed.data.team?.id : undefined);
    if (!parsed.success || !teamId) return;
    const result = await deps.services.scope.defer({
      teamId,
      userId: parsed.data.user.id,
      requestId: Number(parsed.data.actions[0]?.value),
    });
    await respond({ response_type: 'ephemeral', replace_original: result.ok, text: result.message });
  });

  app.action(scopeAcceptAction, async ({ ack, body, respond, context }) => {
    await ack();
    const parsed = click.safeParse(body);
    const teamId = context.teamId ?? (parsed.success ? parsed.data.team?.id : undefined);
    if (!parsed.success || !teamId) return;
    const opened = await deps.services.scope.openAcceptForm({
      teamId,
      userId: parsed.data.user.id,
      requestId: Number(parsed.data.actions[0]?.value),
      triggerId: parsed.data.trigger_id,
    });
    if (!opened.ok) await respond({ response_type: 'ephemeral', replace_original: false, text: opened.message });
  });
}
