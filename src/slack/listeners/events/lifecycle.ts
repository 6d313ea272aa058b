// app_uninstalled and tokens_revoked: the workspace's POCs stop their jobs and keep their data
// (services/lifecycle.ts). Bolt delivers both without authorizing them (the token is gone).
import { z } from 'zod';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const tokensRevoked = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }).optional() });

function workspaceOf(body: unknown, contextTeamId: string | undefined, contextEnterpriseId: string | undefined) {
  const b = body as { team_id?: unknown; enterprise_id?: unknown };
  const teamId = contextTeamId ?? (typeof b.team_id === 'string' ? b.team_id : undefined);
  const enterpriseId = contextEnterpriseId ?? (typeof b.enterprise_id === 'string' ? b.enterprise_id : undefined);
  return teamId ? { teamId, enterpriseId } : undefined;
}

/** The org's id when the event is about an org-wide install, else undefined. */
function orgWide(
  body: unknown,
  contextIsEnterpriseInstall: boolean | undefined,
  contextEnterpriseId: string | undefined,
): string | undefined {
  const b = body as {
    is_enterprise_install?: unknown;
    enterprise_id?: unknown;
    authorizations?: Array<{ is_enterprise_install?: unknown }>;
  };
  const isOrg =
    contextIsEnterpriseInstall === true ||
    b.is_enterprise_install === true ||
    b.authorizations?.[0]?.is_enterprise_install === true;
  const enterpriseId = contextEnterpriseId ?? (typeof b.enterprise_id === 'string' ? b.enterprise_id : undefined);
  return isOrg && enterpriseId ? enterpriseId : undefined;
}

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.event('app_uninstalled', async ({ body, context, logger }) => {
    // An org-wide install (Enterprise Grid) goes for the whole org at once.
    const org = orgWide(body, context.isEnterpriseInstall, context.enterpriseId);
    if (org) {
      await deps.services.lifecycle.onOrgUninstalled(org);
      return;
    }
    const ws = workspaceOf(body, context.teamId, context.enterpriseId);
    if (!ws) {
      logger.warn('app_uninstalled without a team id; ignored (an org-wide install is not handled yet)');
      return;
    }
    await deps.services.lifecycle.onUninstalled(ws);
  });
  app.event('tokens_revoked', async ({ event, body, context, logger }) => {
    const parsed = tokensRevoked.safeParse(event);
    const org = orgWide(body, context.isEnterpriseInstall, context.enterpriseId);
    if (org && parsed.success && (parsed.data.tokens?.bot ?? []).length > 0) {
      await deps.services.lifecycle.onOrgUninstalled(org, 'tokens_revoked');
      return;
    }
    const ws = workspaceOf(body, context.teamId, context.enterpriseId);
    if (!ws || !parsed.success) {
      logger.warn('tokens_revoked without a team id or a token list; ignored');
      return;
    }
    await deps.services.lifecycle.onTokensRevoked(ws, parsed.data.tokens?.bot ?? []);
  });
}
