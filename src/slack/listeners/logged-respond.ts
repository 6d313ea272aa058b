// A reply through a click's or a shortcut's response_url that never throws: the work the click
// asked for (a readout posted, a request logged and its decider asked) is not cut short because
// a "Posting…" or "Done" could not be shown.
import type { Logger, RespondFn } from '@slack/bolt';

/** `respond`, logging a failed delivery as one WARN line (it then resolves undefined: no listener reads what respond returns). */
export function loggedRespond(respond: RespondFn, logger: Logger, actionId: string): (message: Parameters<RespondFn>[0]) => Promise<unknown> {
  return async (message) => {
    try {
      return await respond(message);
    } catch (err) {
      logger.warn(`${actionId}: the reply could not be delivered through response_url: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
}
