// The scoreboard under a burst of calls: one update at a time per POC, and the requests made
// while one is waiting join it, since it renders from the database when it starts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Criterion, Poc } from '../../src/domain/poc.js';
import type { OutgoingMessage } from '../../src/services/ports.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { type ServiceWorld, serviceWorld } from '../helpers/service-world.js';
import { castVote } from '../helpers/votes.js';

let w: ServiceWorld;
let poc: Poc;
let criteria: Criterion[];
beforeEach(async () => {
  w = serviceWorld('2026-12-01T15:00:00Z');
  ({ poc, criteria } = await seedPoc(w.store));
});
afterEach(() => w.close());

/** Holds every chat.update until `release`, recording what each would show. */
function holdUpdates() {
  const shown: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started!: () => void;
  const firstStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  w.slack.updateMessage = async (_channel: string, _ts: string, message: OutgoingMessage) => {
    shown.push(JSON.stringify(message.blocks));
    started();
    await released;
  };
  return { shown, release, firstStarted };
}

/** The lead evaluator's ✅ on the criterion at `index`, stored as the reaction listener stores it. */
const pass = (index: number) =>
  castVote(w.store, (criteria[index] as Criterion).id, people.evaluator, 'lead', 'pass', '2026-12-01T14:00:00.000Z');

const decided = (text: string) => (text.match(/\*PASS\* by/g) ?? []).length;

describe('ScoreboardService', () => {
  it('joins the refreshes asked for while one waits, and the one after shows every call', async () => {
    const { scoreboard } = w.services;
    await scoreboard.refresh(poc.id); // the first post
    expect((await w.store.pocs.byId(poc.id))?.scoreboardTs).toBeTruthy();
    const held = holdUpdates();
    await pass(0);
    const first = scoreboard.refresh(poc.id);
    await held.firstStarted;
    // Four more calls while the first update is under way: each asks for a refresh.
    const later: Array<Promise<void>> = [];
    for (let i = 1; i < 5; i++) {
      await pass(i);
      later.push(scoreboard.refresh(poc.id));
    }
    held.release();
    await Promise.all([first, ...later]);
    // The one under way, then one for the four: not five.
    expect(held.shown).toHaveLength(2);
    expect(held.shown.map(decided)).toEqual([1, 5]);
  });

  it('runs a refresh asked for after the waiting one started, so no change is left unshown', async () => {
    const { scoreboard } = w.services;
    await scoreboard.refresh(poc.id);
    const held = holdUpdates();
    held.release();
    await pass(0);
    await scoreboard.refresh(poc.id);
    await pass(1);
    await scoreboard.refresh(poc.id);
    expect(held.shown.map(decided)).toEqual([1, 2]);
  });

  it('lets an ensure join a waiting refresh, but not a refresh join a waiting ensure', async () => {
    const { scoreboard } = w.services;
    await scoreboard.refresh(poc.id);
    const held = holdUpdates();
    const first = scoreboard.refresh(poc.id);
    await held.firstStarted;
    // Waiting: an ensure (which leaves a posted scoreboard alone), then a refresh after it.
    const ensure = scoreboard.ensure(poc.id);
    await pass(0);
    const refresh = scoreboard.refresh(poc.id);
    held.release();
    await Promise.all([first, ensure, refresh]);
    expect(held.shown.map(decided)).toEqual([0, 1]);
  });
});
