// A reply through a response_url (a command's, a click's, a shortcut's) that never throws: the
// work asked for (an extension recorded, a readout posted, a request logged and its decider
// asked) is not cut short, nor called a failure, because a "Posting…" or "Done" could not be shown.
import type { Logger } from '@slack/bolt';

/** `respond`, logging a failed delivery as one WARN line (it then resolves undefined: no listener reads what respond returns). */
export function loggedRespond<M>(
  respond: (message: M) => Promise<unknown>,
  logger: Logger,
  what: string,
): (message: M) => Promise<unknown> {
  return async (message) => {
    try {
      return await respond(message);
    } catch (err) {
      logger.warn(
        `${what}: the reply could not be delivered through response_url: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
  };
}
