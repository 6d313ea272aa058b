// Deciding a criterion by reaction, at the service: the vote stored, the reply in the criterion's
// thread, the scoreboard; an outsider's reaction kept as an opinion only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Criterion, Poc } from '../../src/domain/poc.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { type ServiceWorld, serviceWorld } from '../helpers/service-world.js';

let w: ServiceWorld;
let poc: Poc;
let criteria: Criterion[];
beforeEach(async () => {
  w = serviceWorld('2026-12-01T15:00:00Z');
  ({ poc, criteria } = await seedPoc(w.store));
});
afterEach(() => w.close());

const react = (criterion: Criterion, userId: string, reaction: string, eventTs = '1764601000.000100') =>
  w.services.decideCriterion.onReaction({
    teamId: poc.teamId,
    channelId: poc.channelId,
    messageTs: criterion.messageTs as string,
    userId,
    reaction,
    eventTs,
    added: true,
  });

describe('DecideCriterion', () => {
  it("takes the lead evaluator's ❌ as the decision, answers in the criterion's thread and posts the scoreboard", async () => {
    const second = criteria[1] as Criterion;
    expect(await react(second, people.evaluator, 'x')).toBe('decision');

    const votes = await w.store.criteria.votesFor([second.id]);
    expect(votes).toMatchObject([{ userId: people.evaluator, result: 'fail', role: 'lead' }]);
    const replies = w.slack.posts(poc.channelId).filter((p) => p.threadTs === second.messageTs);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.message.text).toMatch(/fail/i);
    // The scoreboard is posted once there is a decision, and remembered on the POC.
    expect((await w.store.pocs.byId(poc.id))?.scoreboardTs).not.toBeNull();
  });

  it("keeps a bystander's ✅ as an opinion: stored, nothing said, no decision", async () => {
    const first = criteria[0] as Criterion;
    expect(await react(first, people.bystander, 'white_check_mark')).toBe('opinion');
    expect(await w.store.criteria.votesFor([first.id])).toMatchObject([
      { userId: people.bystander, role: 'other', result: 'pass' },
    ]);
    expect(w.slack.calls.filter((c) => c.method === 'postMessage')).toEqual([]);
  });

  it('ignores a reaction that is not a result, and the same reaction twice changes nothing', async () => {
    const first = criteria[0] as Criterion;
    expect(await react(first, people.evaluator, 'eyes')).toBe('ignored');
    expect(await react(first, people.evaluator, 'white_check_mark')).toBe('decision');
    const calls = w.slack.calls.length;
    expect(await react(first, people.evaluator, 'white_check_mark')).toBe('unchanged');
    expect(w.slack.calls.length).toBe(calls);
  });
});
