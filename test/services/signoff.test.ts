// Sign-off at the service: the lead evaluator's ✅ on the criteria document signs the criteria
// off, says so in the document's thread and redraws the document; anyone else's ✅ signs nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { type ServiceWorld, serviceWorld } from '../helpers/service-world.js';

let w: ServiceWorld;
let poc: Poc;
beforeEach(async () => {
  // Created the day before it starts, waiting for the evaluator's ✅.
  w = serviceWorld('2026-11-20T15:00:00Z');
  ({ poc } = await seedPoc(w.store, { stage: 'awaiting_signoff', signedOffBy: null, signedOffAt: null }));
});
afterEach(() => w.close());

const check = (userId: string) =>
  w.services.signOff.onReactionAdded({
    teamId: poc.teamId,
    channelId: poc.channelId,
    messageTs: poc.documentTs as string,
    userId,
    reaction: 'white_check_mark',
    eventTs: '1763651000.000100',
  });

describe('SignOff', () => {
  it("signs off on the lead evaluator's ✅: stage, who and when stored, the thread told, the document redrawn", async () => {
    const outcome = await check(people.evaluator);
    expect(outcome).toMatchObject({ signed: true });

    const stored = await w.store.pocs.byId(poc.id);
    expect(stored).toMatchObject({
      stage: 'signed_off',
      signedOffBy: people.evaluator,
      signedOffAt: '2026-11-20T15:00:00.000Z',
    });
    const thread = w.slack.posts(poc.channelId).filter((p) => p.threadTs === poc.documentTs);
    expect(thread).toHaveLength(1);
    expect(thread[0]?.message.text).toMatch(/signed/i);
    expect(w.slack.calls.some((c) => c.method === 'updateMessage' && c.ts === poc.documentTs)).toBe(true);
  });

  it("signs nothing on the AE's ✅, and tells the AE why, only them", async () => {
    const outcome = await check(people.ae);
    expect(outcome).toMatchObject({ signed: false, reason: 'not_the_evaluator' });
    expect(await w.store.pocs.byId(poc.id)).toMatchObject({ stage: 'awaiting_signoff', signedOffBy: null });
    expect(w.slack.calls.map((c) => c.method)).toEqual(['postEphemeral']);
    expect(w.slack.calls[0]).toMatchObject({ userId: people.ae, channel: poc.channelId });
  });

  it('signs once: a second ✅ from the evaluator posts nothing more', async () => {
    await check(people.evaluator);
    const posts = w.slack.posts(poc.channelId).length;
    const again = await check(people.evaluator);
    expect(again).toMatchObject({ signed: false });
    expect(w.slack.posts(poc.channelId).length).toBe(posts);
  });
});
