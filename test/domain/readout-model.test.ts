import { describe, expect, it } from 'vitest';
import { buildHandoff, parseCadence } from '../../src/domain/handoff.js';
import { handoffMarkdown } from '../../src/domain/handoff-markdown.js';
import type { Criterion, Poc, Vote } from '../../src/domain/poc.js';
import {
  buildReadout,
  handoffReminderDay,
  metricOutcome,
  type ReadoutSources,
  verdictOf,
} from '../../src/domain/readout-model.js';
import { readoutMarkdown } from '../../src/domain/readout-markdown.js';
import { verdictCaveat } from '../../src/domain/readout-text.js';
import { people, pocRow } from '../../testkit/fixtures.js';
import { voteOf } from '../helpers/votes.js';

// Extended once, from Dec 4 to Dec 8 (the extension moved endDate).
const poc: Poc = {
  id: 7,
  ...pocRow({ endDate: '2026-12-08', metricMeasured: 1.5, metricNote: 'March close, 2 analysts' }),
};
const criterion = (position: number, statement = `Criterion ${position} under 10 seconds`): Criterion => ({
  id: 100 + position,
  pocId: 7,
  position,
  statement,
  threshold: '10 s',
  category: 'performance',
  messageTs: `1763910${position}00.000100`,
  droppedAt: null,
  droppedReason: null,
  revision: 1,
});
const vote = (
  position: number,
  userId: string,
  role: Vote['role'],
  result: Vote['result'],
  votedAt = '2026-11-25T15:00:00.000Z',
  revision = 1,
): Vote => voteOf(100 + position, userId, role, result, votedAt, revision);

function sources(overrides: Partial<ReadoutSources> = {}): ReadoutSources {
  return {
    poc,
    criteria: [
      criterion(1),
      criterion(2),
      criterion(3),
      criterion(4),
      { ...criterion(5), droppedAt: '2026-11-26T10:00:00.000Z', droppedReason: 'traded for SSO' },
    ],
    votes: [
      vote(1, people.evaluator, 'lead', 'pass'),
      vote(2, people.evaluator, 'lead', 'fail', '2026-11-26T16:00:00.000Z'),
      vote(2, people.se, 'vendor', 'pass'),
      vote(3, people.se, 'vendor', 'partial'),
      vote(4, people.bystander, 'other', 'pass'),
    ],
    evidence: [
      {
        criterionId: 101,
        userId: people.evaluator,
        text: 'Loaded 10M rows in 11 minutes',
        messageTs: '1764090000.000100',
        permalink: 'https://x.slack.test/p1',
        postedAt: '2026-11-25T16:00:00.000Z',
      },
      {
        criterionId: 102,
        userId: people.se,
        text: 'p95 was 3.4 s',
        messageTs: '1764090100.000100',
        permalink: null,
        postedAt: '2026-11-26T16:00:00.000Z',
      },
    ],
    issues: [
      {
        number: 1,
        text: 'Export times out over 1 GB',
        severity: 'blocker',
        workaround: 'Split exports by month',
        openedBy: people.se,
        openedAt: '2026-11-24T15:00:00.000Z',
        resolvedAt: null,
      },
      {
        number: 2,
        text: 'Logo blurry',
        severity: 'cosmetic',
        workaround: null,
        openedBy: people.se,
        openedAt: '2026-11-24T15:00:00.000Z',
        resolvedAt: null,
      },
      {
        number: 3,
        text: 'Fixed thing',
        severity: 'limitation',
        workaround: null,
        openedBy: people.se,
        openedAt: '2026-11-24T15:00:00.000Z',
        resolvedAt: '2026-11-25T15:00:00.000Z',
      },
      {
        number: 4,
        text: 'Unrated thing',
        severity: null,
        workaround: null,
        openedBy: people.se,
        openedAt: '2026-11-24T15:00:00.000Z',
        resolvedAt: null,
      },
    ],
    scopeRequests: [
      {
        text: 'Salesforce connector',
        decision: 'deferred',
        requestedBy: people.evaluator,
        requestedAt: '2026-11-25T15:00:00.000Z',
        newEndDate: null,
        droppedCriterionId: null,
      },
      {
        text: 'Mobile app',
        decision: 'pending',
        requestedBy: people.champion,
        requestedAt: '2026-11-26T15:00:00.000Z',
        newEndDate: null,
        droppedCriterionId: null,
      },
      {
        text: 'CSV import',
        decision: 'accepted',
        requestedBy: people.evaluator,
        requestedAt: '2026-11-26T15:00:00.000Z',
        newEndDate: null,
        droppedCriterionId: 105,
      },
    ],
    extensions: [
      {
        previousEndDate: '2026-12-04',
        newEndDate: '2026-12-08',
        reason: 'holiday freeze',
        criterionPositions: [2],
        requestedBy: people.se,
        requestedAt: '2026-12-01T15:00:00.000Z',
      },
    ],
    pauses: [
      { fromDate: '2026-11-26', untilDate: '2026-11-27', reason: 'Thanksgiving', pausedBy: people.se, resumedAt: null },
    ],
    activeDays: [
      { userId: people.evaluator, days: ['2026-11-25', '2026-11-23', '2026-11-30'] },
      { userId: people.champion, days: ['2026-11-24'] },
    ],
    answers: [
      {
        outboxKey: 'standup:7:2026-11-23',
        kind: 'standup',
        userId: people.evaluator,
        value: 'done',
        answeredAt: '2026-11-23T16:00:00.000Z',
      },
      {
        outboxKey: 'standup:7:2026-11-23',
        kind: 'standup',
        userId: people.champion,
        value: 'also',
        answeredAt: '2026-11-23T17:00:00.000Z',
      },
      {
        outboxKey: 'standup:7:2026-11-24',
        kind: 'standup',
        userId: people.evaluator,
        value: 'ok',
        answeredAt: '2026-11-24T16:00:00.000Z',
      },
      // Only the SE answered this one: not the customer engaging.
      {
        outboxKey: 'standup:7:2026-11-25',
        kind: 'standup',
        userId: people.se,
        value: 'we shipped the fix',
        answeredAt: '2026-11-25T16:00:00.000Z',
      },
      {
        outboxKey: 'checkpoint:7:2026-11-27',
        kind: 'checkpoint',
        userId: people.evaluator,
        value: 'at risk',
        answeredAt: '2026-11-27T16:00:00.000Z',
      },
    ],
    posted: { standups: 8, checkpoints: 2 },
    holidays: [],
    ...overrides,
  };
}

// 2026-12-09 10:00 in New York.
const now = new Date('2026-12-09T15:00:00.000Z');

describe('verdictOf', () => {
  it('passes only when every criterion passed', () => {
    expect(
      verdictOf([
        { position: 1, result: 'pass' },
        { position: 2, result: 'pass' },
      ]),
    ).toEqual({ kind: 'pass' });
  });
  it('fails on any fail, even with untested ones left', () => {
    expect(
      verdictOf([
        { position: 1, result: 'untested' },
        { position: 2, result: 'fail' },
        { position: 3, result: 'pass' },
      ]),
    ).toEqual({ kind: 'fail', failed: [2] });
  });
  it('needs a call on partial or untested criteria and lists them', () => {
    expect(
      verdictOf([
        { position: 1, result: 'pass' },
        { position: 2, result: 'partial' },
        { position: 3, result: 'untested' },
      ]),
    ).toEqual({
      kind: 'call_needed',
      open: [
        { position: 2, result: 'partial' },
        { position: 3, result: 'untested' },
      ],
    });
  });
  it('does not call a POC with no criteria a pass', () => {
    expect(verdictOf([]).kind).toBe('call_needed');
  });
});

describe('metricOutcome', () => {
  it('reads the direction from baseline to target', () => {
    expect(metricOutcome({ ...poc, metricMeasured: 0.9 })?.status).toBe('met');
    expect(metricOutcome({ ...poc, metricMeasured: 1.5 })).toMatchObject({ status: 'not_met', changePercent: -70 });
    expect(metricOutcome({ ...poc, metricBaseline: 100, metricTarget: 500, metricMeasured: 520 })?.status).toBe('met');
    expect(metricOutcome({ ...poc, metricMeasured: null })?.status).toBe('not_measured');
    expect(metricOutcome({ ...poc, metricName: null })).toBeUndefined();
  });
});

describe('buildReadout', () => {
  const r = buildReadout(sources(), now);

  it('lists every criterion still in the POC with its result, who called it and its evidence', () => {
    expect(r.criteria.map((c) => [c.position, c.result])).toEqual([
      [1, 'pass'],
      [2, 'fail'],
      [3, 'awaiting'],
      [4, 'untested'],
    ]);
    expect(r.criteria[1]?.decision).toMatchObject({
      decidedBy: people.evaluator,
      role: 'lead',
      decidedAt: '2026-11-26T16:00:00.000Z',
    });
    expect(r.criteria[1]?.overruled).toMatchObject({ decidedBy: people.se, result: 'pass' });
    expect(r.criteria[2]?.awaiting).toMatchObject({ decidedBy: people.se, result: 'partial', role: 'vendor' });
    expect(r.criteria[0]?.evidence.map((e) => e.permalink)).toEqual(['https://x.slack.test/p1']);
    expect(r.dropped).toEqual([
      {
        position: 5,
        statement: 'Criterion 5 under 10 seconds',
        reason: 'traded for SSO',
        droppedAt: '2026-11-26T10:00:00.000Z',
      },
    ]);
    expect(r.counts).toEqual({ pass: 1, fail: 1, partial: 0, awaiting: 1, untested: 1 });
    expect(r.verdict).toEqual({ kind: 'fail', failed: [2] });
    expect(r.awaitingConfirmation).toMatchObject([{ position: 3, call: { decidedBy: people.se, result: 'partial' } }]);
  });

  it('never gives PASS on the vendor’s calls alone: call needed, each listed as awaiting confirmation, until the customer confirms', () => {
    const vendorOnly = sources({ votes: [1, 2, 3, 4].map((p) => vote(p, people.se, 'vendor', 'pass')) });
    const before = buildReadout(vendorOnly, now);
    expect(before.verdict).toEqual({
      kind: 'call_needed',
      open: [1, 2, 3, 4].map((position) => ({ position, result: 'awaiting' })),
    });
    expect(before.awaitingConfirmation.map((a) => a.position)).toEqual([1, 2, 3, 4]);
    const md = readoutMarkdown(before, new Map());
    expect(md).toContain('**CALL NEEDED**');
    expect(md).toContain('Awaiting customer confirmation (vendor calls, not counted):');
    expect(md).toContain('- #1 Criterion 1 under 10 seconds: vendor call PASS by @U0SE');
    expect(md).toContain('- Vendor call PASS by @U0SE, 2026-11-25 10:00: awaiting customer confirmation, not counted.');

    const confirmed = sources({
      votes: [
        ...vendorOnly.votes,
        ...[1, 2, 3, 4].map((p) => vote(p, people.evaluator2, 'evaluator', 'pass', '2026-11-26T15:00:00.000Z')),
      ],
    });
    const after = buildReadout(confirmed, now);
    expect(after.verdict).toEqual({ kind: 'pass' });
    expect(after.awaitingConfirmation).toEqual([]);
    expect(readoutMarkdown(after, new Map())).toContain(`- Called by @${people.evaluator2} (customer evaluator)`);
  });

  it('keeps the call a criterion had before it was reworded, as history, and judges it again', () => {
    const reworded = sources({
      criteria: [{ ...criterion(1), revision: 2 }],
      votes: [vote(1, people.evaluator, 'lead', 'pass', '2026-11-25T15:00:00.000Z', 1)],
    });
    const m = buildReadout(reworded, now);
    expect(m.criteria[0]).toMatchObject({
      result: 'untested',
      earlier: { revision: 1, confirmed: true, decision: { result: 'pass', decidedBy: people.evaluator } },
    });
    expect(m.verdict.kind).toBe('call_needed');
    expect(readoutMarkdown(m, new Map())).toContain(
      `- Before its statement or threshold changed: PASS by @${people.evaluator} (lead evaluator), 2026-11-25 10:00. Kept as history`,
    );
  });

  it('shows every move of the end and readout dates after sign-off with who and why, and what was asked but not granted', () => {
    const moved = buildReadout(
      sources({
        poc: { ...poc, endDate: '2026-12-15', readoutDate: '2026-12-16' },
        extensions: [
          {
            previousEndDate: '2026-12-04',
            newEndDate: '2026-12-08',
            reason: 'criterion 2 needs the staging data',
            criterionPositions: [2],
            requestedBy: people.se,
            requestedAt: '2026-12-01T15:00:00.000Z',
            status: 'granted',
            decidedBy: people.se,
            previousReadoutDate: '2026-12-07',
            newReadoutDate: '2026-12-08',
          },
          {
            previousEndDate: '2026-12-08',
            newEndDate: '2026-12-15',
            reason: '#3 blocked on Okta',
            criterionPositions: [3],
            requestedBy: people.se,
            requestedAt: '2026-12-07T15:00:00.000Z',
            status: 'granted',
            decidedBy: people.ae,
            previousReadoutDate: '2026-12-08',
            newReadoutDate: '2026-12-16',
          },
          {
            previousEndDate: '2026-12-15',
            newEndDate: '2026-12-18',
            reason: '#4 too',
            criterionPositions: [4],
            requestedBy: people.se,
            requestedAt: '2026-12-08T15:00:00.000Z',
            status: 'declined',
            decidedBy: people.ae,
          },
        ],
        changes: [
          {
            field: 'endDate',
            before: '2026-12-03',
            after: '2026-12-04',
            afterSignoff: true,
            changedBy: people.ae,
            changedAt: '2026-11-24T15:00:00.000Z',
          },
        ],
      }),
      now,
    );
    expect(moved.calendar).toMatchObject({
      plannedEnd: '2026-12-03',
      actualEnd: '2026-12-15',
      plannedReadout: '2026-12-07',
    });
    const md = readoutMarkdown(moved, new Map());
    expect(md).toContain(
      `- End date 2026-12-03 → 2026-12-04 on 2026-11-24, moved by @${people.ae} with /poc edit (no reason recorded)`,
    );
    expect(md).toContain(
      `- End date 2026-12-04 → 2026-12-08 on 2026-12-01 for #2, moved by @${people.se}: criterion 2 needs the staging data`,
    );
    expect(md).toContain(
      `- Readout date 2026-12-07 → 2026-12-08 on 2026-12-01 for #2, moved by @${people.se}: criterion 2 needs the staging data`,
    );
    expect(md).toContain(
      `- End date 2026-12-08 → 2026-12-15 on 2026-12-07 for #3, moved by @${people.se}, approved by @${people.ae}: #3 blocked on Okta`,
    );
    expect(md).toContain(
      `- Extension asked to 2026-12-18 by @${people.se} (declined by @${people.ae}; the dates did not move): #4 too`,
    );
    expect(md).toContain('- End: planned 2026-12-03, actual 2026-12-15 (12 days later than planned)');
  });

  it('says when the criteria changed since sign-off and wait for the lead to sign again', () => {
    const changed = buildReadout(sources({ poc: { ...poc, changedSinceSignoffAt: '2026-12-02T15:00:00.000Z' } }), now);
    expect(changed.signoff.state).toBe('changed');
    expect(readoutMarkdown(changed, new Map())).toContain(
      `Signed off by @${people.evaluator} on 2026-11-23, then **changed since sign-off, awaiting re-sign-off** (changed 2026-12-02): the lead evaluator @${people.evaluator} has not signed the criteria as they now stand.`,
    );
    expect(readoutMarkdown(buildReadout(sources(), now), new Map())).toContain(
      `Signed off by @${people.evaluator} on 2026-11-23.`,
    );
  });

  it('compares the calendar as planned with what happened', () => {
    expect(r.calendar).toMatchObject({
      plannedStart: '2026-11-23',
      actualStart: '2026-11-23',
      plannedEnd: '2026-12-04',
      actualEnd: '2026-12-08',
      endSlipDays: 4,
      plannedReadout: '2026-12-07',
      actualReadout: '2026-12-09',
      readoutSlipDays: 2,
      plannedBusinessDays: 10,
      actualBusinessDays: 12,
    });
    expect(r.calendar.pauses[0]?.businessDays).toBe(2);
  });

  it('counts engagement: evaluator active days, standups answered of posted, checkpoint answers', () => {
    expect(r.engagement).toMatchObject({
      evaluatorActiveDays: 3,
      evaluatorLastActiveDay: '2026-11-30',
      standupsAnswered: 2,
      standupsPosted: 8,
      checkpointsAnswered: 1,
      checkpointsPosted: 2,
      others: [{ userId: people.champion, activeDays: 1 }],
    });
  });

  it('groups open issues by severity, blockers first, and keeps deferred scope apart from pending', () => {
    expect(r.openIssues.map((g) => [g.severity, g.issues.map((i) => i.number)])).toEqual([
      ['blocker', [1]],
      ['cosmetic', [2]],
      ['unrated', [4]],
    ]);
    expect(r.resolvedIssues).toBe(1);
    expect(r.deferredScope.map((s) => s.text)).toEqual(['Salesforce connector']);
    expect(r.pendingScope.map((s) => s.text)).toEqual(['Mobile app']);
    // Accepted scope is listed with what it cost (criterion 5 was dropped for it).
    expect(r.acceptedScope).toEqual([
      { text: 'CSV import', requestedBy: people.evaluator, newEndDate: null, droppedPosition: 5 },
    ]);
  });

  it('names the stakeholders and the agreed next step', () => {
    expect(r.stakeholders.map((s) => s.role)).toEqual([
      'Lead technical evaluator',
      'Economic buyer',
      'Champion',
      'Procurement',
      'Account executive',
      'Sales engineer',
    ]);
    expect(buildReadout(sources({ evaluatorIds: [people.evaluator2] }), now).stakeholders.map((s) => s.role)).toContain(
      'Evaluator',
    );
    expect(r.nextStep).toBe('Order form for 200 seats, signed by Dec 18');
  });

  it('counts only the evaluator days the business-day total counts (not the sign-off weekend)', () => {
    const extra = sources({
      activeDays: [
        ...sources().activeDays,
        // A second entry for the same person adds to the first: Sunday before the start, a Saturday.
        { userId: people.evaluator, days: ['2026-11-22', '2026-11-28'] },
      ],
    });
    const e = buildReadout(extra, now).engagement;
    expect(e.evaluatorActiveDays).toBe(3);
    expect(e.evaluatorActiveDays).toBeLessThanOrEqual(e.businessDaysSoFar);
  });

  it('warns when every criterion passed but the business metric missed its target', () => {
    const allPass = sources({ votes: [1, 2, 3, 4].map((p) => vote(p, people.evaluator, 'lead', 'pass')) });
    const missed = buildReadout(allPass, now);
    expect(missed.verdict.kind).toBe('pass');
    expect(verdictCaveat(missed)).toBe(
      'Every criterion passed, but the business metric (Month-end close time) missed its target.',
    );
    expect(readoutMarkdown(missed, new Map())).toContain('missed its target');
    const met = buildReadout({ ...allPass, poc: { ...poc, metricMeasured: 0.8 } }, now);
    expect(verdictCaveat(met)).toBeUndefined();
    expect(verdictCaveat(buildReadout(sources(), now))).toBeUndefined(); // a FAIL says enough
  });

  it('shows checkpoint answers as people read them, and one day as one day', () => {
    const md = readoutMarkdown(
      buildReadout(
        sources({
          answers: [
            {
              outboxKey: 'checkpoint:7:2026-11-27',
              kind: 'checkpoint',
              userId: people.evaluator,
              value: 'on_track',
              answeredAt: '2026-11-27T16:00:00.000Z',
            },
          ],
        }),
        now,
      ),
      new Map(),
    );
    expect(md).toContain(': On track');
    expect(md).not.toContain('on_track');
    expect(md).toContain('(1 day)');
  });

  it('takes sign-off after the start date as the actual start', () => {
    const late = buildReadout(sources({ poc: { ...poc, signedOffAt: '2026-11-25T20:00:00.000Z' } }), now);
    expect(late.calendar.actualStart).toBe('2026-11-25');
  });
});

describe('readoutMarkdown', () => {
  it('carries the same facts, with names where known', () => {
    const md = readoutMarkdown(buildReadout(sources(), now), new Map([[people.evaluator, 'Eve Valuator']]));
    expect(md).toContain('**FAIL** — Failed: #2.');
    expect(md).toContain('### #1 PASS — Criterion 1 under 10 seconds');
    expect(md).toContain('### #4 NOT TESTED — Criterion 4 under 10 seconds');
    expect(md).toContain('[2026-11-25 11:00](https://x.slack.test/p1), Eve Valuator (@W0EVAL)');
    expect(md).toContain(
      'Month-end close time: baseline 5 days → target 1 day → measured 1.5 days (target not met, 70% below baseline)',
    );
    expect(md).toContain('- End: planned 2026-12-04, actual 2026-12-08 (4 days later than planned)');
    expect(md).toContain('Standups answered by the customer’s team: 2 of 8 posted');
    expect(md).toContain('- #1 Export times out over 1 GB — workaround: Split exports by month');
    expect(md).toContain('Deferred to a later phase: Salesforce connector');
    expect(md).toContain(
      '- Taken in during the evaluation: CSV import (asked by Eve Valuator (@W0EVAL)), in exchange for criterion 5 dropped',
    );
    expect(md).toContain('- Economic buyer: @W0EB');
    expect(md).toContain('Order form for 200 seats, signed by Dec 18');
  });
});

describe('hand-off', () => {
  it('is due 30 days after the close, in the POC zone', () => {
    expect(handoffReminderDay({ closedAt: '2026-12-10T03:00:00.000Z', timeZone: 'America/New_York' })).toBe(
      '2027-01-08',
    );
    expect(handoffReminderDay({ closedAt: null, timeZone: 'America/New_York' })).toBeUndefined();
  });

  it('parses the tracking cadence, monthly by default', () => {
    expect(parseCadence(undefined)).toBe('monthly');
    expect(parseCadence('Weekly')).toBe('weekly');
    expect(parseCadence('hourly')).toBeUndefined();
  });

  it('carries metrics, decisions, open issues with workarounds, promises and people', () => {
    const closed = { ...poc, stage: 'won' as const, closedAt: '2026-12-10T15:00:00.000Z', outcomeReason: 'PO signed' };
    const r = buildReadout(sources({ poc: closed }), now);
    const h = buildHandoff(
      closed,
      r,
      [{ text: 'EU region for production', decidedBy: people.ae, decidedAt: '2026-11-30T15:00:00.000Z' }],
      'quarterly',
    );
    expect(h).toBeDefined();
    const md = handoffMarkdown(h as NonNullable<typeof h>);
    expect(md).toContain('Track quarterly. A reminder to check them goes to the SE on 2027-01-09.');
    expect(md).toContain('measured 1.5 days');
    expect(md).toContain('@U0AE: EU region for production');
    expect(md).toContain('#1 [blocker] Export times out over 1 GB — workaround: Split exports by month');
    expect(md).toContain('- Salesforce connector (asked by @W0EVAL)');
    expect(md).toContain('- Champion: @W0CHAMP');
  });
});
