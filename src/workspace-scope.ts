// Which workspace the work running now is for: a Slack request (from its team and Enterprise
// Grid org, set by a Bolt middleware in app.ts), or an outbox row (its POC's workspace, set by
// the dispatcher). Services reach Slack through a port that takes the token from here
// (slack/slack-ports.ts), so a use case deep under a listener or a post cannot pick up another
// workspace's token, and none of them has to pass the team along. The work queue carries it past
// the ack, as it carries the log context.
import { ContextSlot } from './async-context.js';
import type { WorkspaceRef } from './domain/workspace.js';

const slot = new ContextSlot<WorkspaceRef>('workspace');

/** The workspace of the work running now; undefined outside any (start-up, a tick's planning). */
export function currentWorkspace(): WorkspaceRef | undefined {
  return slot.get();
}

/** Runs `fn` (and everything it starts) as work for `ws`. */
export function inWorkspace<T>(ws: WorkspaceRef, fn: () => T): T {
  return slot.run(ws, fn);
}

/**
 * `fn`, bound to run in the workspace current now (for work that runs later, e.g. after an ack).
 * Queued outside any workspace, it runs outside any too: never in the workspace of whatever
 * happens to start it later (a queue's loop started by another workspace's task).
 */
export function bindWorkspace<T>(fn: () => T): () => T {
  const ws = slot.get();
  return () => slot.run(ws, fn);
}
