// A morning with more posts due than the outbox holds (QueueRoom): the calendar and the nudges
// queue what fits and a later tick the rest. Played twice on the same POCs, once so and once with
// room for everything at once: the same posts must go out, to the same places in the same order,
// and the same nudges be recorded, only spread over more ticks.
import { afterEach, describe, expect, it } from 'vitest';
import { createJobs, type Jobs, type TickOptions, type TickReport } from '../../src/jobs/index.js';
import { createLogger } from '../../src/logger.js';
import { type Harness, startHarness } from '../../testkit/harness.js';
import { seedPoc } from '../../testkit/fixtures.js';
import { virtualPacer } from '../../testkit/pacer.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
});

/** Five posts a tick: at most ten calendar posts and ten nudge posts wait in the outbox at once. */
const maxPerTick = 5;

/**
 * 24 POCs started Monday Nov 23 whose evaluators have said nothing since: on Friday (the weekly
 * checkpoint day) each has a standup and a checkpoint due, a silence nudge for its SE and an
 * escalation to its AE and the escalation channel. Eight SEs with three POCs each, three AEs with
 * eight: over the daily budget of three DMs, so some nudges are deferred.
 */
async function friday(
  room: 'bounded' | 'unbounded',
  people: (i: number) => { seId: string; aeId: string } = (i) => ({ seId: `U0SE${i % 8}`, aeId: `U0AE${i % 3}` }),
): Promise<{ h: Harness; jobs: Jobs }> {
  const pacer = virtualPacer();
  const h = await startHarness({ now: '2026-11-27T14:00:00Z', dispatcher: { maxPerTick, pacer } });
  harnesses.push(h);
  for (let i = 0; i < 24; i++) {
    await seedPoc(h.bot.store, { channelId: `C0P${String(i).padStart(2, '0')}`, name: `PoV ${i}`, ...people(i) });
  }
  const jobs =
    room === 'bounded'
      ? h.bot.jobs
      : createJobs({
          store: h.bot.store,
          services: h.bot.services,
          slack: h.bot.slack,
          clock: h.clock,
          logger: createLogger('error', { write: () => undefined }),
          dispatcher: { maxPerTick, pacer },
          queueDepth: 1_000_000,
        });
  return { h, jobs };
}

/** Ticks a minute apart from 09:30 New York until two ticks in a row queue and send nothing (and plan nothing, a batch at a time). */
async function playMorning(h: Harness, jobs: Jobs, options: TickOptions = {}): Promise<TickReport[]> {
  const reports: TickReport[] = [];
  let idle = 0;
  for (let minute = 0; minute < 120 && idle < 2; minute++) {
    const now = new Date(Date.parse('2026-11-27T14:30:00Z') + minute * 60_000);
    h.clock.set(now);
    const report = await jobs.tick(now, options);
    reports.push(report);
    // Idle: nothing queued or sent, and (planning a batch at a time) no POC left due.
    const busy = report.lines.some((l) => /^(queued|posted) /.test(l)) || (!options.allPocs && report.pocsPlanned > 0);
    idle = busy ? 0 : idle + 1;
  }
  return reports;
}

/** Every nudge of the open POCs, POC by POC. */
async function nudgesOfOpenPocs(h: Harness) {
  const rows = [];
  for (const p of await h.bot.store.pocs.listOpen()) rows.push(...(await h.bot.store.nudges.forPoc(p.id)));
  return rows;
}

async function outcome(h: Harness) {
  const keyOf = (args: Record<string, unknown>) =>
    String((args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key);
  const byTarget = new Map<string, string[]>();
  const order: string[] = [];
  for (const call of h.fake.callsTo('chat.postMessage')) {
    const key = keyOf(call.args);
    order.push(key);
    const target = String(call.args.channel);
    byTarget.set(target, [...(byTarget.get(target) ?? []), key]);
  }
  return {
    order,
    byTarget: Object.fromEntries([...byTarget].sort(([a], [b]) => (a < b ? -1 : 1))),
    outbox: (await h.bot.store.outbox.list()).map((r) => `${r.key} ${r.kind} → ${r.target}: ${r.status}`).sort(),
    nudges: (await nudgesOfOpenPocs(h))
      .map((n) => `${n.key} ${n.kind} → ${n.recipientId}: ${n.status}${n.carriedBy ? ` in ${n.carriedBy}` : ''}`)
      .sort(),
  };
}

describe('a morning bigger than the outbox', () => {
  it('sends the same posts, in the same order to each place, and records the same nudges as if it had all been queued at once', async () => {
    const bounded = await friday('bounded');
    const boundedReports = await playMorning(bounded.h, bounded.jobs);
    const unbounded = await friday('unbounded');
    const unboundedReports = await playMorning(unbounded.h, unbounded.jobs);

    // The first tick queued what fits: ten calendar posts and at most ten nudge posts, not 24 + 24 + 72.
    const first = boundedReports[0]?.lines ?? [];
    expect(first.filter((l) => /^queued (standup|checkpoint):/.test(l))).toHaveLength(10);
    expect(first.filter((l) => /^queued nudge:/.test(l)).length).toBeLessThanOrEqual(10);
    expect(first).toContain(
      'standups: 14 more due, queued as the outbox drains (it holds at most 10 calendar posts at once)',
    );
    expect(first).toContain(
      'checkpoints: 24 more due, queued as the outbox drains (it holds at most 10 calendar posts at once)',
    );
    expect(
      first.some((l) => /^nudges: .* left for a later tick: decided when the outbox has room for their posts/.test(l)),
    ).toBe(true);
    expect(unboundedReports[0]?.lines.filter((l) => /^queued (standup|checkpoint):/.test(l))).toHaveLength(48);

    const a = await outcome(bounded.h);
    const b = await outcome(unbounded.h);
    expect(a.byTarget).toEqual(b.byTarget);
    expect(a.outbox).toEqual(b.outbox);
    expect(a.nudges).toEqual(b.nudges);
    // Each standup and checkpoint once, all of them before any nudge or escalation, in both.
    for (const { order } of [a, b]) {
      const calendar = order.filter((k) => /^(standup|checkpoint):/.test(k));
      expect(calendar).toHaveLength(48);
      expect(new Set(calendar).size).toBe(48);
      const firstNudge = order.findIndex((k) => k.startsWith('nudge:'));
      expect(firstNudge).toBe(48);
    }
    expect(a.nudges.some((n) => n.endsWith(': deferred'))).toBe(true);
    expect(a.outbox.every((r) => r.endsWith(': sent'))).toBe(true);
  }, 60_000);

  it('plans a few of the POCs due a tick, each person’s together, and ends as one sweep of them all would', async () => {
    // Twelve SEs with two POCs each, six AEs with two SEs each: six groups of four POCs sharing
    // no one. Claimed two due POCs at a time, a tick plans their groups (every POC of their SEs
    // and AEs), so each person's daily budget still weighs all of their nudges at once.
    const people = (i: number) => ({ seId: `U0SE${Math.floor(i / 2)}`, aeId: `U0AE${Math.floor(i / 4)}` });
    const batched = await friday('bounded', people);
    const batchedReports = await playMorning(batched.h, batched.jobs, { batch: 2 });
    const swept = await friday('unbounded', people);
    await playMorning(swept.h, swept.jobs, { allPocs: true });

    // The first tick planned one group or two (the two POCs due first), not all 24.
    const firstPlanned = batchedReports[0]?.pocsPlanned ?? 0;
    expect(firstPlanned).toBeGreaterThanOrEqual(4);
    expect(firstPlanned).toBeLessThanOrEqual(8);
    expect(batchedReports.length).toBeGreaterThan(6);

    const a = await outcome(batched.h);
    const b = await outcome(swept.h);
    // In the same order to each person and each POC's channel. The escalation channel, shared by
    // every group, hears of each POC once, in the order their groups were planned.
    const sortedEscalations = (byTarget: Record<string, string[]>) => ({
      ...byTarget,
      C0ESCAL: [...(byTarget.C0ESCAL ?? [])].sort(),
    });
    expect(sortedEscalations(a.byTarget)).toEqual(sortedEscalations(b.byTarget));
    expect(a.outbox).toEqual(b.outbox);
    expect(a.nudges).toEqual(b.nudges);
    expect(a.nudges.some((n) => n.endsWith(': deferred'))).toBe(true);
    expect(a.outbox.every((r) => r.endsWith(': sent'))).toBe(true);
    expect(a.order.filter((k) => /^(standup|checkpoint):/.test(k))).toHaveLength(48);
  }, 60_000);
});
