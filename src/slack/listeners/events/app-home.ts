// app_home_opened on the Home tab: the onboarding at the first visit, then the user's POCs against the sustainable load.
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import { teamOf } from './criterion-reactions.js';

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, body, context }) => {
    if (event.tab !== 'home') return;
    const teamId = teamOf(body, context.teamId);
    if (!teamId) return;
    await deps.services.onboarding.openHome(teamId, event.user);
  });
}
