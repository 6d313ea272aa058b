// A fresh app with one seeded POC in its channel for every test, and what the channel tests do
// there: run a command, click a button, take criterion n, react on it, read the bot's thread
// replies to it.
import { afterEach, beforeEach, expect } from 'vitest';
import type { Criterion, Poc } from '../../src/domain/poc.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { type Harness, startHarness } from '../../testkit/harness.js';
import { blockAction, reactionEvent } from '../../testkit/payloads.js';

export const channel = 'C0ACME';

/** `/poc <text>` in the channel, answered 200; returns the ack. */
export async function runCommand(h: Harness, text: string, user: string = people.se) {
  const res = await h.slack.command({ text, userId: user, channelId: channel });
  expect(res.status).toBe(200);
  return res;
}

/** A click on a button of a message in `where` (default: the channel), with a fresh trigger and response_url. */
export function clickButton(h: Harness, actionId: string, value: string, user: string = people.se, where = channel) {
  return h.slack.interaction(
    blockAction({
      user,
      teamId: h.fake.teamId,
      actionId,
      value,
      channel: where,
      triggerId: h.fake.issueTrigger(),
      responseUrl: h.fake.responseUrl(),
    }),
  );
}

export interface SeededChannel {
  h: Harness;
  poc: Poc;
  criteria: Criterion[];
}

/**
 * Installs the hooks (call it inside `describe`); `use` gets each test's harness and POC, to keep
 * in the test file's own variables.
 */
export function seededPocChannel(use: (seeded: SeededChannel) => void | Promise<void>) {
  let seeded: SeededChannel | undefined;
  let seq = 0;
  beforeEach(async () => {
    const h = await startHarness();
    seeded = { h, ...(await seedPoc(h.bot.store)) };
    seq = 0;
    await use(seeded);
  });
  afterEach(async () => {
    await seeded?.h.stop();
  });
  const current = (): SeededChannel => {
    if (!seeded) throw new Error('no seeded channel outside a test');
    return seeded;
  };
  const crit = (n: number): Criterion => current().criteria[n - 1] as Criterion;
  return {
    crit,
    /** Reacts on criterion n; event ts one second apart, so reactions keep the order they were sent in. */
    async react(user: string, reaction: string, n: number, added = true) {
      const event = reactionEvent(added ? 'reaction_added' : 'reaction_removed', {
        user,
        reaction,
        channel,
        ts: crit(n).messageTs as string,
        eventTs: `${1763913600 + ++seq}.000100`,
      });
      const res = await current().h.slack.event(event);
      expect(res.status).toBe(200);
    },
    replies: (n: number) =>
      current()
        .h.fake.threadReplies(channel, crit(n).messageTs as string)
        .map((m) => m.text),
  };
}
