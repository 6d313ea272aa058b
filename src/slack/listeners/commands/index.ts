import type { App } from '@slack/bolt';
import { commandName } from '../../ids.js';
import { dispatchedFromQueue, receiptOf } from '../../inbox.js';
import { postToResponseUrl } from '../../response-url.js';
import type { ListenerDeps } from '../deps.js';
import { loggedRespond } from '../logged-respond.js';
import { parseCommandText } from './parse.js';
import { handlerFor } from './router.js';
import type { CommandContext, Reply } from './context.js';

/** A reply as Slack takes it: plain text goes to the person who typed the command only. */
function asMessage(reply: Reply): Exclude<Reply, string> {
  return typeof reply === 'string' ? { response_type: 'ephemeral', text: reply } : reply;
}

export function register(app: App, deps: ListenerDeps): void {
  app.command(commandName, async ({ command, ack: boltAck, logger, context }) => {
    const parsed = parseCommandText(command.text ?? '');
    const handler = handlerFor(parsed.name);
    let acked = false;
    const inline: Array<Promise<void>> = [];
    // Bolt's ack holds the HTTP request and response; work queued behind the acks holds this
    // context until its turn, so the ack is let go once used (a burst queues hundreds of them).
    let ack: typeof boltAck | undefined = boltAck;
    const deliver = loggedRespond(
      (reply: Reply) => postToResponseUrl(command.response_url, asMessage(reply)),
      logger,
      `/poc ${parsed.name}`,
    );
    const ctx: CommandContext = {
      command,
      args: parsed.args,
      rest: parsed.rest,
      name: parsed.name,
      deps,
      ack: async (reply) => {
        if (acked) return;
        acked = true;
        const once = ack;
        ack = undefined;
        await once?.(reply === undefined ? undefined : asMessage(reply));
      },
      // The command's work is done by the time it answers: a reply that cannot be delivered is
      // logged, not turned into "that did not work", which would be false.
      respond: async (reply) => {
        await deliver(reply);
      },
      reply: (reply) => (acked ? ctx.respond(reply) : ctx.ack(reply)),
      later: (work) => {
        // The command stays unfinished in the inbox until this work is over (slack/inbox.ts).
        const release = receiptOf(context)?.hold();
        const run = () =>
          work()
            .catch(failed)
            .finally(() => release?.());
        // Answered at the door, the command already runs in a task of the work queue: queued
        // again, its work would wait behind every request that came after it.
        if (dispatchedFromQueue(context)) inline.push(run());
        else deps.work.enqueue(`/poc ${parsed.name}`, run);
      },
    };
    async function failed(err: unknown): Promise<void> {
      logger.error(`/poc ${parsed.name} failed:`, err);
      const text = 'Sorry, that did not work. Nothing was changed; please try again in a moment.';
      if (!acked) await ctx.ack(text);
      else await ctx.respond(text);
    }
    try {
      await handler(ctx);
    } catch (err) {
      await failed(err);
    } finally {
      if (!acked) await ctx.ack();
    }
    // Work run in this task (and any it adds) ends before the task does.
    for (let next = inline.shift(); next; next = inline.shift()) await next;
  });
}
