// The severity buttons under `/poc issue <text>` (value = issue id).
import { z } from 'zod';
import { payloadTeam, payloadUser } from '../payload-fields.js';
import type { Severity } from '../../../domain/issues.js';
import { issueSeverityActions } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const click = z.object({
  user: payloadUser,
  team: payloadTeam,
  actions: z.array(z.object({ value: z.string().regex(/^\d+$/) })).min(1),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  for (const [severity, actionId] of Object.entries(issueSeverityActions) as Array<[Severity, string]>) {
    app.action(actionId, async ({ ack, body, respond, context }) => {
      await ack();
      const parsed = click.safeParse(body);
      const teamId = context.teamId ?? (parsed.success ? parsed.data.team?.id : undefined);
      if (!parsed.success || !teamId) return;
      const result = await deps.services.issues.setSeverity({
        teamId,
        userId: parsed.data.user.id,
        issueId: Number(parsed.data.actions[0]?.value),
        severity,
      });
      await respond(
        result.ok
          ? { response_type: 'ephemeral', replace_original: true, text: result.message }
          : { response_type: 'ephemeral', replace_original: false, text: result.message },
      );
    });
  }
}
