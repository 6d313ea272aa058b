// The compiled statements and the tick's bulk reads must give exactly what drizzle's own queries
// (and the per-POC store methods the jobs used before) give.
import { asc, eq, isNull } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { activity, pocs } from '../../db/schema.js';
import { sinceLastAnswered } from '../../src/domain/fatigue.js';
import { groupBy } from '../../src/domain/group-by.js';
import type { Poc } from '../../src/domain/poc.js';
import { progress, standings } from '../../src/domain/results.js';
import { TickSnapshot } from '../../src/services/tick-snapshot.js';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { createStore, type Store } from '../../src/store/index.js';
import { seedPoc } from '../../testkit/fixtures.js';
import { castVote, voteOf } from '../helpers/votes.js';

let open: OpenDatabase | undefined;
afterEach(() => open?.close());

function fresh(): Store {
  open = openDatabase(':memory:');
  return createStore(open.db);
}

/** Three POCs: one with votes, a dropped criterion and a day off; one closed; one long (boolean column true). */
async function seed(store: Store) {
  const a = await seedPoc(store, { channelId: 'C0A', name: 'A' });
  const b = await seedPoc(store, { channelId: 'C0B', name: 'B', longOverride: true });
  const closed = await seedPoc(store, { channelId: 'C0C', name: 'C' });
  await store.pocs.update(closed.poc.id, { stage: 'won', closedAt: '2026-11-20T10:00:00.000Z' });
  const [c1, c2, c3] = a.criteria;
  if (!c1 || !c2 || !c3) throw new Error('fixture has fewer than 3 criteria');
  await castVote(store, c1.id, a.poc.seId, 'vendor', 'fail', '2026-11-19T15:00:00.000Z');
  await castVote(store, c1.id, a.poc.evaluatorId, 'lead', 'pass', '2026-11-19T16:00:00.000Z');
  await castVote(store, c2.id, 'W0OTHER', 'other', 'partial', '2026-11-19T17:00:00.000Z');
  // A vendor call awaiting confirmation on c2, then taken back (a tombstone): counts nowhere.
  await castVote(store, c2.id, a.poc.aeId, 'vendor', 'pass', '2026-11-19T17:10:00.000Z');
  await store.criteria.applyVote({ ...voteOf(c2.id, a.poc.aeId, 'vendor', 'pass', '2026-11-19T17:20:00.000Z') }, true);
  // A call on a criterion dropped since counts nowhere.
  await castVote(store, c3.id, a.poc.evaluatorId, 'lead', 'fail', '2026-11-19T17:30:00.000Z');
  // A vendor call on c4, awaiting the customer.
  const c4 = a.criteria[3];
  if (c4) await castVote(store, c4.id, a.poc.seId, 'vendor', 'pass', '2026-11-19T17:40:00.000Z');
  await store.criteria.update(c3.id, { droppedAt: '2026-11-19T18:00:00.000Z', droppedReason: 'out of scope' });
  await store.holidays.add(a.poc.id, ['2026-11-26']);
  return { a, b, closed };
}

describe('compiled statements', () => {
  it('listOpen and byId give the rows drizzle gives, booleans decoded', async () => {
    const store = fresh();
    const { b, closed } = await seed(store);
    const viaDrizzle = store.db.select().from(pocs).where(isNull(pocs.closedAt)).all();
    expect(await store.pocs.listOpen()).toEqual(viaDrizzle);
    expect((await store.pocs.listOpen()).map((p) => p.name).sort()).toEqual(['A', 'B']);
    expect((await store.pocs.byId(b.poc.id))?.longOverride).toBe(true);
    expect(await store.pocs.byId(closed.poc.id)).toEqual(store.db.select().from(pocs).orderBy(asc(pocs.id)).all()[2]);
    expect(await store.pocs.byId(9999)).toBeUndefined();
  });

  it('byIdWithDaysOff gives the row byId gives and the days forPoc gives (none: an empty set)', async () => {
    const store = fresh();
    const { a, b } = await seed(store);
    const read = await store.pocs.byIdWithDaysOff(a.poc.id);
    expect(read?.poc).toEqual(await store.pocs.byId(a.poc.id));
    expect(read?.poc).not.toHaveProperty('daysOff');
    expect([...(read?.daysOff ?? [])]).toEqual([...(await store.holidays.forPoc(a.poc.id))]);
    expect([...(read?.daysOff ?? [])]).toEqual(['2026-11-26']);
    const withNone = await store.pocs.byIdWithDaysOff(b.poc.id);
    expect(withNone?.daysOff.size).toBe(0);
    expect(withNone?.poc.longOverride).toBe(true);
    expect(await store.pocs.byIdWithDaysOff(9999)).toBeUndefined();
  });

  it('activeWithVotes gives in one statement what listActive and votesFor give', async () => {
    const store = fresh();
    const { a, b } = await seed(store);
    for (const poc of [a.poc, b.poc]) {
      const criteria = await store.criteria.listActive(poc.id);
      const votes = await store.criteria.votesFor(criteria.map((c) => c.id));
      expect(await store.criteria.activeWithVotes(poc.id)).toEqual({ criteria, votes });
    }
    // A: the dropped criterion and the taken-back call are out, the criteria without calls in.
    const { criteria, votes } = await store.criteria.activeWithVotes(a.poc.id);
    expect(criteria).toHaveLength(a.criteria.length - 1);
    expect(votes.map((v) => [v.criterionId, v.result])).toEqual([
      [a.criteria[0]?.id, 'fail'],
      [a.criteria[0]?.id, 'pass'],
      [a.criteria[1]?.id, 'partial'],
      [a.criteria[3]?.id, 'pass'],
    ]);
    expect(await store.criteria.activeWithVotes(9999)).toEqual({ criteria: [], votes: [] });
  });

  it('the outbox inserts a key once, claims a row once, and reports statuses', async () => {
    const store = fresh();
    const now = new Date('2026-11-24T14:30:00Z');
    const row = {
      key: 'standup:1:2026-11-24',
      pocId: null,
      kind: 'standup',
      target: 'C0A',
      message: { text: 'hi' },
      dueAt: now,
    };
    expect(await store.outbox.insert([row, { ...row, key: 'other' }], now)).toEqual(['standup:1:2026-11-24', 'other']);
    expect(await store.outbox.insert([row], now)).toEqual([]);
    const saved = await store.outbox.byKey(row.key);
    if (!saved) throw new Error('not inserted');
    expect(saved).toMatchObject({ status: 'pending', attempts: 0, message: { text: 'hi' }, dueAt: now.toISOString() });
    expect(await store.outbox.claim(saved, new Date(now.getTime() + 60_000))).toBe(true);
    expect(await store.outbox.claim(saved, new Date(now.getTime() + 60_000))).toBe(false);
    await store.outbox.markSent(saved.id, { channel: 'C0A', ts: '1.2', at: now });
    expect(await store.outbox.byKey(row.key)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentChannel: 'C0A',
      sentTs: '1.2',
    });
    expect(await store.outbox.statuses([row.key, 'other', 'missing'])).toEqual(
      new Map([
        [row.key, 'sent'],
        ['other', 'pending'],
      ]),
    );
  });
});

describe('compiled statements read whole', () => {
  it('the readout’s active days are the activity rows drizzle gives, grouped by person, in any order', async () => {
    const store = fresh();
    const { a, b } = await seed(store);
    for (const [i, day] of ['2026-11-17', '2026-11-18', '2026-11-19'].entries()) {
      await store.activity.record({
        pocId: a.poc.id,
        userId: a.poc.evaluatorId,
        day,
        ts: `179500000${i}.000100`,
        kind: 'message',
      });
      await store.activity.record({
        pocId: a.poc.id,
        userId: a.poc.seId,
        day,
        ts: `179500001${i}.000100`,
        kind: 'reaction',
      });
    }
    await store.activity.record({
      pocId: b.poc.id,
      userId: b.poc.seId,
      day: '2026-11-17',
      ts: '1795000020.000100',
      kind: 'message',
    });
    // A row with nothing counted (never written by record(), but nothing in the schema forbids it) is no active day.
    store.db
      .insert(activity)
      .values({
        pocId: a.poc.id,
        userId: 'W0IDLE',
        day: '2026-11-18',
        messages: 0,
        reactions: 0,
        firstTs: '1795000030.000100',
        lastTs: '1795000030.000100',
      })
      .run();
    const viaDrizzle = store.db
      .select()
      .from(activity)
      .where(eq(activity.pocId, a.poc.id))
      .all()
      .filter((r) => r.messages + r.reactions > 0);
    const expected = [...groupBy(viaDrizzle, (r) => r.userId)].map(([userId, rows]) => ({
      userId,
      days: rows.map((r) => r.day).sort(),
    }));
    const read = (await store.readoutSources.activeDays(a.poc.id)).map((r) => ({
      userId: r.userId,
      days: [...r.days].sort(),
    }));
    const byUser = (x: { userId: string }, y: { userId: string }) => x.userId.localeCompare(y.userId);
    expect(read.sort(byUser)).toEqual(expected.sort(byUser));
    expect(read.map((r) => r.days.length)).toEqual([3, 3]);
  });
});

describe('TickSnapshot', () => {
  it('gives each open POC the progress and days off the per-POC reads give', async () => {
    const store = fresh();
    const { a, b, closed } = await seed(store);
    const snap = await TickSnapshot.load(store);
    for (const poc of [a.poc, b.poc]) {
      const criteria = await store.criteria.listActive(poc.id);
      const expected = standings(criteria, await store.criteria.votesFor(criteria.map((c) => c.id)));
      expect(snap.progress(poc.id)).toEqual(progress(expected));
      expect(snap.holidays(poc.id)).toEqual(await store.holidays.forPoc(poc.id));
    }
    expect(snap.progress(a.poc.id)).toEqual({
      total: 4,
      decided: 1,
      pass: 1,
      fail: 0,
      partial: 0,
      undecided: 3,
      awaiting: 1,
    });
    // A POC that is not open is read on its own, the same way (once included).
    await snap.include([closed.poc.id]);
    expect(snap.pocById(closed.poc.id)?.stage).toBe('won');
    expect(snap.progress(closed.poc.id)).toMatchObject({ total: closed.criteria.length, decided: 0 });
  });

  it("gives each open POC the standups sent after its evaluator's newest answer, as sinceLastAnswered keeps them", async () => {
    const store = fresh();
    const now = new Date('2026-11-24T14:30:00Z');
    const all: Poc[] = [];
    for (let i = 0; i < 40; i++) all.push((await seedPoc(store, { channelId: `C${i}`, name: `P${i}` })).poc);
    const closed = all[7];
    if (!closed) throw new Error('no POC');
    await store.pocs.update(closed.id, { stage: 'won', closedAt: '2026-11-20T10:00:00.000Z' });
    // POC i has i % 6 standups sent and one still pending. Who answered varies with i: the
    // evaluator (an early, a middle or the newest standup), the SE only, the evaluator twice, or
    // the evaluator on a checkpoint (which is not a standup).
    for (const [i, poc] of all.entries()) {
      const sent = i % 6;
      for (let d = 0; d <= sent; d++) {
        const key = `standup:${poc.id}:2026-11-1${d}`;
        await store.outbox.insert(
          [{ key, pocId: poc.id, kind: 'standup', target: poc.channelId, message: { text: 's' }, dueAt: now }],
          now,
        );
        const row = await store.outbox.byKey(key);
        if (!row || d === sent) continue;
        await store.outbox.markSent(row.id, { channel: poc.channelId, ts: `${d}.1`, at: now });
        const answer = async (userId: string, kind: 'standup' | 'checkpoint' = 'standup') =>
          store.answers.addReply({
            pocId: poc.id,
            outboxKey: key,
            kind,
            userId,
            value: 'ok',
            messageTs: `${d}.2`,
            answeredAt: now.toISOString(),
          });
        if (i % 5 === 0 && d === 0) await answer(poc.evaluatorId);
        if (i % 5 === 1 && d === Math.floor(sent / 2)) await answer(poc.evaluatorId);
        if (i % 5 === 2 && d === sent - 1) await answer(poc.evaluatorId);
        if (i % 5 === 3) await answer(poc.seId);
        if (i % 5 === 4 && d === 1) await answer(poc.evaluatorId, 'checkpoint');
      }
      // An answer recorded against a standup that never went out ends nothing.
      if (i % 7 === 6)
        await store.answers.addReply({
          pocId: poc.id,
          outboxKey: `standup:${poc.id}:2026-11-1${sent}`,
          kind: 'standup',
          userId: poc.evaluatorId,
          value: 'ok',
          messageTs: '9.9',
          answeredAt: now.toISOString(),
        });
    }
    const snap = await TickSnapshot.load(store);
    let streaks = 0;
    for (const poc of all) {
      const got = snap.standupsSinceLastAnswered(poc.id);
      if (poc.id === closed.id) {
        expect(got).toEqual([]);
        continue;
      }
      const sentRows = await store.outbox.list({ pocId: poc.id, kind: 'standup', status: 'sent' });
      const answered = new Set(
        (await store.answers.forPoc(poc.id, 'standup'))
          .filter((a) => a.userId === poc.evaluatorId)
          .map((a) => a.outboxKey),
      );
      const expected = sinceLastAnswered(
        sentRows.map((r) => ({ pocId: poc.id, key: r.key, sentAt: r.sentAt, dueAt: r.dueAt })),
        answered,
      );
      expect(got).toEqual(expected);
      if (expected.length >= 3) streaks++;
    }
    // The fixture has both cases: streaks long enough to nudge about, and POCs with none.
    expect(streaks).toBeGreaterThan(3);
    expect(all.filter((p) => snap.standupsSinceLastAnswered(p.id).length === 0).length).toBeGreaterThan(3);
  });

  it("gives each open POC's customer side, each member with their newest activity, as activity.lastTs gives it", async () => {
    const store = fresh();
    const all: Poc[] = [];
    for (let i = 0; i < 12; i++) all.push((await seedPoc(store, { channelId: `C${i}`, name: `P${i}` })).poc);
    const closed = all[3];
    if (!closed) throw new Error('no POC');
    await store.pocs.update(closed.id, { stage: 'won', closedAt: '2026-11-20T10:00:00.000Z' });
    for (const [i, poc] of all.entries()) {
      // POC i: i % 4 days of evaluator activity (newest on the last day, or earlier in the day
      // on a later row), and always some activity by the SE, which must not count.
      for (let d = 0; d < i % 4; d++) {
        await store.activity.record({
          pocId: poc.id,
          userId: poc.evaluatorId,
          day: `2026-11-1${d}`,
          ts: `17950${i}${d}000.000100`,
          kind: 'message',
        });
        await store.activity.record({
          pocId: poc.id,
          userId: poc.evaluatorId,
          day: `2026-11-1${d}`,
          ts: `17950${i}${d}500.000100`,
          kind: 'reaction',
        });
      }
      await store.activity.record({
        pocId: poc.id,
        userId: poc.seId,
        day: '2026-11-19',
        ts: `17960${i}0000.000100`,
        kind: 'message',
      });
    }
    // A second evaluator on every other POC, active on the 18th; and the champion active on POC 1.
    for (const [i, poc] of all.entries()) {
      if (i % 2 === 0) continue;
      await store.evaluators.setTeam(poc.id, poc.evaluatorId, ['W0SECOND'], '2026-11-10T00:00:00.000Z');
      await store.activity.record({
        pocId: poc.id,
        userId: 'W0SECOND',
        day: '2026-11-18',
        ts: `17955${i}0000.000100`,
        kind: 'message',
      });
    }
    const first = all[1];
    if (!first?.championId) throw new Error('no champion');
    await store.activity.record({
      pocId: first.id,
      userId: first.championId,
      day: '2026-11-18',
      ts: '1795600000.000900',
      kind: 'reaction',
    });
    const snap = await TickSnapshot.load(store);
    for (const [i, poc] of all.entries()) {
      const team = snap.team(poc.id);
      if (poc.id === closed.id) {
        expect(team).toEqual([]);
        continue;
      }
      expect(
        team.map((m) => m.role),
        `POC ${i}`,
      ).toEqual(
        i % 2 === 0 ? ['lead', 'champion', 'economic_buyer'] : ['lead', 'evaluator', 'champion', 'economic_buyer'],
      );
      // And the one-POC read of the whole team (services/team.ts) finds the same.
      const ofTeam = await store.activity.lastTsOf(
        poc.id,
        team.map((m) => m.userId),
      );
      for (const m of team) {
        expect(m.lastTs, `POC ${i} ${m.userId}`).toBe(await store.activity.lastTs(poc.id, m.userId));
        expect(ofTeam.get(m.userId), `POC ${i} ${m.userId}`).toBe(m.lastTs);
      }
      if (i % 4 > 0) expect(team[0]?.lastTs).toBe(`17950${i}${(i % 4) - 1}500.000100`);
      // The SE is not on the customer side.
      expect(team.map((m) => m.userId)).not.toContain(poc.seId);
    }
    expect(snap.team(first.id).find((m) => m.role === 'champion')?.lastTs).toBe('1795600000.000900');
  });

  it('counts open issues, scope requests and extensions per open POC, as the per-POC reads do', async () => {
    const store = fresh();
    const all: Poc[] = [];
    for (let i = 0; i < 12; i++) all.push((await seedPoc(store, { channelId: `C${i}`, name: `P${i}` })).poc);
    const closed = all[5];
    if (!closed) throw new Error('no POC');
    const at = '2026-11-24T15:00:00.000Z';
    for (const [i, poc] of all.entries()) {
      for (let k = 0; k < i % 3; k++) {
        const issue = await store.issues.open({
          pocId: poc.id,
          text: `issue ${k}`,
          severity: null,
          openedBy: poc.seId,
          openedAt: at,
        });
        // Every POC's first issue is resolved: only the others count as open.
        if (k === 0) await store.issues.resolve(issue.id, poc.seId, at);
      }
      for (let k = 0; k < i % 4; k++)
        await store.scopeRequests.insert({
          pocId: poc.id,
          text: `ask ${k}`,
          requestedBy: poc.evaluatorId,
          requestedAt: at,
        });
      for (let k = 0; k < i % 2; k++) {
        await store.extensions.insert({
          pocId: poc.id,
          previousEndDate: '2026-12-04',
          newEndDate: '2026-12-11',
          reason: 'more time',
          criterionPositions: [1],
          requestedBy: poc.seId,
          requestedAt: at,
        });
      }
    }
    await store.pocs.update(closed.id, { stage: 'won', closedAt: '2026-11-25T10:00:00.000Z' });
    const snap = await TickSnapshot.load(store);
    for (const poc of all) {
      const open = poc.id !== closed.id;
      expect(snap.openIssues(poc.id)).toBe(
        open ? (await store.issues.forPoc(poc.id)).filter((i) => i.resolvedAt === null).length : 0,
      );
      expect(snap.scopeRequestCount(poc.id)).toBe(open ? (await store.scopeRequests.forPoc(poc.id)).length : 0);
      expect(snap.extensionCount(poc.id)).toBe(open ? (await store.extensions.forPoc(poc.id)).length : 0);
    }
    // The fixture has POCs with some of each, not only zeros.
    expect(
      all.filter((p) => snap.openIssues(p.id) > 0 && snap.scopeRequestCount(p.id) > 0 && snap.extensionCount(p.id) > 0)
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows later jobs the stage a job moved a POC to', async () => {
    const store = fresh();
    const { a } = await seed(store);
    const snap = await TickSnapshot.load(store);
    const moved = await store.pocs.update(a.poc.id, { stage: 'readout' });
    if (!moved) throw new Error('no update');
    snap.replacePoc(moved);
    expect(snap.pocs().find((p) => p.id === a.poc.id)?.stage).toBe('readout');
    expect(snap.pocById(a.poc.id)?.stage).toBe('readout');
  });
});
