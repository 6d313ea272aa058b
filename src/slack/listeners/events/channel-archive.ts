// channel_archive / group_archive: the POC's jobs stop; the unarchive events let them run again.
import { z } from 'zod';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import { teamOf } from './criterion-reactions.js';

const channelEvent = z.object({ channel: z.string().min(1) });

type Handler = Parameters<ListenerSurfaces['event']>[1];

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  const on =
    (archived: boolean): Handler =>
    async ({ event, body, context, logger }) => {
      const parsed = channelEvent.safeParse(event);
      const teamId = teamOf(body, context.teamId);
      if (!parsed.success || !teamId) {
        logger.warn(`${event.type}: no channel or team in the event; ignored`);
        return;
      }
      const state = deps.services.channelState;
      const outcome = archived
        ? await state.onArchived(teamId, parsed.data.channel)
        : await state.onUnarchived(teamId, parsed.data.channel);
      if (outcome !== 'ignored') logger.debug(`${event.type} ${parsed.data.channel}: ${outcome}`);
    };
  // Literal names, so the manifest test sees each subscription this needs.
  app.event('channel_archive', on(true));
  app.event('group_archive', on(true));
  app.event('channel_unarchive', on(false));
  app.event('group_unarchive', on(false));
}
