// Where feature listeners register: one table per surface (events by type, actions by
// action_id, views by callback_id), installed on Bolt as ONE listener per surface. Bolt runs
// every registered listener's middleware and matcher chain on every request, so thirty feature
// listeners registered directly would cost each `/poc status` thirty chains; here a request costs
// one chain per surface and a map lookup. Behaviour is Bolt's: every handler for the key runs,
// started in registration order, concurrently; one failure is rethrown as is, several as Bolt's
// MultipleListenerError — except for clicks, which answer a failure themselves (install()).
import { loggedRespond } from './logged-respond.js';
import {
  type AllMiddlewareArgs,
  type App,
  type Middleware,
  MultipleListenerError,
  type SlackAction,
  type SlackActionMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  type SlackViewAction,
  type SlackViewMiddlewareArgs,
} from '@slack/bolt';

/** What a feature's `register(app, deps)` gets: Bolt's event/action/view calls, string keys only. */
export interface ListenerSurfaces {
  event<T extends string>(type: T, handler: Middleware<SlackEventMiddlewareArgs<T>>): void;
  action<A extends SlackAction = SlackAction>(
    actionId: string,
    handler: Middleware<SlackActionMiddlewareArgs<A>>,
  ): void;
  view<V extends SlackViewAction = SlackViewAction>(
    callbackId: string,
    handler: Middleware<SlackViewMiddlewareArgs<V>>,
  ): void;
}

// The tables hold handlers of many argument types; each is only ever called with the args Bolt
// built for a request of its own key, as Bolt would have called it.
type AnyHandler = (args: AllMiddlewareArgs & Record<string, unknown>) => Promise<void>;
type Table = Map<string, AnyHandler[]>;

function add(table: Table, key: string, handler: unknown): void {
  const list = table.get(key) ?? [];
  list.push(handler as AnyHandler);
  table.set(key, list);
}

async function runAll(
  handlers: AnyHandler[] | undefined,
  args: AllMiddlewareArgs & Record<string, unknown>,
): Promise<void> {
  if (!handlers) return;
  if (handlers.length === 1) return (handlers[0] as AnyHandler)({ ...args });
  const settled = await Promise.allSettled(handlers.map(async (h) => h({ ...args })));
  const failed = settled
    .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
    .map((s) => s.reason as Error);
  if (failed.length === 1) throw failed[0];
  if (failed.length > 1) throw new MultipleListenerError(failed);
}

/** Exactly these keys, as one pattern: Bolt's own matcher keeps other requests away. */
function anyOf(keys: Iterable<string>): RegExp {
  return new RegExp(`^(?:${[...keys].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

export class SurfaceTables implements ListenerSurfaces {
  private readonly events: Table = new Map();
  private readonly actions: Table = new Map();
  private readonly views: Table = new Map();

  event<T extends string>(type: T, handler: Middleware<SlackEventMiddlewareArgs<T>>): void {
    add(this.events, type, handler);
  }

  action<A extends SlackAction = SlackAction>(
    actionId: string,
    handler: Middleware<SlackActionMiddlewareArgs<A>>,
  ): void {
    add(this.actions, actionId, handler);
  }

  view<V extends SlackViewAction = SlackViewAction>(
    callbackId: string,
    handler: Middleware<SlackViewMiddlewareArgs<V>>,
  ): void {
    add(this.views, callbackId, handler);
  }

  /** One Bolt listener per surface that has any handlers; call once, after every feature registered. */
  install(app: App): void {
    const { events, actions, views } = this;
    if (events.size > 0) {
      app.event(anyOf(events.keys()), async (args) =>
        runAll(events.get(args.event.type), args as unknown as AllMiddlewareArgs & Record<string, unknown>),
      );
    }
    if (actions.size > 0) {
      app.action(anyOf(actions.keys()), async (args) => {
        const actionId = (args.payload as { action_id?: unknown }).action_id;
        const key = typeof actionId === 'string' ? actionId : 'action';
        const respond = args.respond ? loggedRespond(args.respond, args.logger, key) : undefined;
        try {
          await runAll(typeof actionId === 'string' ? actions.get(actionId) : undefined, {
            ...(args as unknown as AllMiddlewareArgs & Record<string, unknown>),
            respond,
          });
        } catch (err) {
          // A click that failed (the database, a bug) gets an answer, not silence; one line in the log.
          args.logger.error(`${key} failed:`, err);
          await respond?.({
            response_type: 'ephemeral',
            replace_original: false,
            text: 'Sorry, that did not work. Please try again in a moment.',
          });
        }
      });
    }
    if (views.size > 0) {
      app.view({ type: 'view_submission', callback_id: anyOf(views.keys()) }, async (args) =>
        runAll(views.get(args.view.callback_id), args as unknown as AllMiddlewareArgs & Record<string, unknown>),
      );
    }
  }
}
