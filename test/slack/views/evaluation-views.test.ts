import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../../src/domain/poc.js';
import { standing, standings } from '../../../src/domain/results.js';
import { loadOf, summarize } from '../../../src/domain/summary.js';
import { blockKitViolations, viewViolations } from '../../../testkit/block-kit-rules.js';
import { pocRow } from '../../../testkit/fixtures.js';
import { decisionAck, decisionAckMessage } from '../../../src/slack/views/decision-ack.js';
import {
  issueSeverityPrompt,
  scopeAcceptView,
  scopeDecisionPrompt,
} from '../../../src/slack/views/evaluation-prompts.js';
import { statusMessage } from '../../../src/slack/views/poc-status.js';
import { homeView, portfolioMessage } from '../../../src/slack/views/portfolio.js';
import { scoreboardMessage } from '../../../src/slack/views/scoreboard.js';
import { voteOf } from '../../helpers/votes.js';

const poc = { ...pocRow(), id: 1 };
const criteria = (n: number, long = false): Criterion[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    pocId: 1,
    position: i + 1,
    statement: long
      ? `${'Ingest 10 million rows <fast> & reliably '.repeat(20)}${i}`
      : `Criterion ${i + 1} with 10 users`,
    threshold: '',
    category: 'functional',
    messageTs: `1763910${String(i).padStart(3, '0')}.000100`,
    droppedAt: null,
    droppedReason: null,
    revision: 1,
  }));
const vote = voteOf;

describe('decisionAck', () => {
  const c = criteria(2)[1] as Criterion;
  const se = vote(2, poc.seId, 'vendor', 'pass', '2026-11-24T10:00:00Z');
  const ev = vote(2, poc.evaluatorId, 'lead', 'fail', '2026-11-24T11:00:00Z');
  const sam = vote(2, 'W0SAM', 'evaluator', 'pass', '2026-11-24T12:00:00Z');

  it('says a vendor call awaits the customer’s confirmation, and who confirmed it', () => {
    expect(
      decisionAck({ before: standing(c, []), after: standing(c, [se]), actor: poc.seId, added: true, result: 'pass' }),
    ).toBe(
      'Vendor call on criterion 2: PASS by <@U0SE>, *awaiting customer confirmation*. It counts once one of the customer’s evaluators confirms it (the same reaction on the criterion, or the button below).',
    );
    expect(
      decisionAck({
        before: standing(c, [se]),
        after: standing(c, [se, sam]),
        actor: 'W0SAM',
        added: true,
        result: 'pass',
      }),
    ).toBe('Criterion 2 marked PASS by <@W0SAM> (customer evaluator), confirming <@U0SE>’s call.');
  });

  it('says who marked it, and when the lead overrules another call', () => {
    expect(
      decisionAck({
        before: standing(c, [se]),
        after: standing(c, [se, ev]),
        actor: poc.evaluatorId,
        added: true,
        result: 'fail',
      }),
    ).toBe('Criterion 2 marked FAIL by <@W0EVAL> (lead evaluator), overruling <@U0SE>’s PASS.');
  });

  it('notes a call that the lead’s outranks, and says nothing when nothing changed', () => {
    expect(
      decisionAck({
        before: standing(c, [ev]),
        after: standing(c, [ev, sam]),
        actor: 'W0SAM',
        added: true,
        result: 'pass',
      }),
    ).toBe('Noted <@W0SAM>’s PASS on criterion 2; the lead evaluator’s FAIL by <@W0EVAL> stands.');
    const agree = vote(2, poc.seId, 'vendor', 'fail', '2026-11-24T12:00:00Z');
    expect(
      decisionAck({
        before: standing(c, [ev]),
        after: standing(c, [ev, agree]),
        actor: poc.seId,
        added: true,
        result: 'fail',
      }),
    ).toBeUndefined();
  });

  it('puts a Confirm button under a vendor call awaiting confirmation, and none under a customer’s call', () => {
    const awaiting = decisionAckMessage('x', standing(c, [se]));
    expect(JSON.stringify(awaiting.blocks)).toContain('"action_id":"confirm_vendor_call"');
    expect(JSON.stringify(awaiting.blocks)).toContain('"value":"2:1:pass"');
    expect(JSON.stringify(decisionAckMessage('x', standing(c, [se, ev])).blocks)).not.toContain('confirm_vendor_call');
  });
});

describe('builders stay inside Slack’s limits', () => {
  it('scoreboard: 30 long criteria fit in one message', () => {
    const list = criteria(30, true);
    const msg = scoreboardMessage(
      poc,
      standings(list, [vote(1, poc.evaluatorId, 'lead', 'pass', '2026-11-24T10:00:00Z')]),
    );
    expect(blockKitViolations(msg.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(msg.blocks)).toContain('&lt;fast&gt; &amp; reliably');
    expect(JSON.stringify(msg.blocks)).toContain('1 of 30 decided');
  });

  it('status: many criteria, evidence and issues fit in one ephemeral message', () => {
    const list = criteria(20, true);
    const summary = summarize({
      poc,
      criteria: list,
      votes: [],
      evidence: list.flatMap((c) =>
        [1, 2, 3].map((k) => ({
          criterionId: c.id,
          userId: 'W0EVAL',
          text: 'x'.repeat(500),
          messageTs: `17639${c.id}${k}.0001`,
          permalink: `https://x.test/p${c.id}${k}`,
          postedAt: '2026-11-24T10:00:00Z',
        })),
      ),
      issues: Array.from({ length: 40 }, (_, i) => ({
        id: i,
        pocId: 1,
        number: i + 1,
        text: 'y'.repeat(300),
        severity: 'blocker' as const,
        workaround: null,
        openedBy: 'U0SE',
        openedAt: '2026-11-16T10:00:00Z',
        resolvedBy: null,
        resolvedAt: null,
      })),
      holidays: new Set(),
      team: [],
      pendingScopeRequests: 2,
      now: new Date('2026-11-24T15:00:00Z'),
    });
    const statuses = ['sent', 'deferred', 'folded', 'withdrawn'] as const;
    const nudges = Array.from({ length: 30 }, (_, i) => ({
      title: `Kind ${i} <of nudge>`,
      recipientId: i === 0 ? 'C0ESCAL' : 'U0SE',
      localDate: '2026-11-24',
      status: statuses[i % 4] ?? 'sent',
      outcome: i === 4 ? 'snoozed' : null,
      outcomeBy: i === 4 ? 'U0SE' : null,
      snoozedUntil: i === 4 ? '2026-11-26' : null,
    }));
    const msg = statusMessage(summary, nudges);
    expect(blockKitViolations(msg.blocks, 'message')).toEqual([]);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    const shown = JSON.stringify(msg.blocks);
    // The five newest, each with what became of it; titles escaped.
    expect(shown).toContain('*Nudges* (30, newest first)');
    expect(shown).toContain('Kind 0 &lt;of nudge&gt; → <#C0ESCAL>, Tue Nov 24: no choice yet');
    expect(shown).toContain('Kind 1 &lt;of nudge&gt; → <@U0SE>, Tue Nov 24: over that day’s budget: in the next DM');
    expect(shown).toContain('Kind 2 &lt;of nudge&gt; → <@U0SE>, Tue Nov 24: sent inside another nudge’s DM');
    expect(shown).toContain(
      'Kind 3 &lt;of nudge&gt; → <@U0SE>, Tue Nov 24: withdrawn before it went out: it no longer applied',
    );
    expect(shown).toContain('Kind 4 &lt;of nudge&gt; → <@U0SE>, Tue Nov 24: *snoozed* by <@U0SE> through Thu Nov 26');
    expect(shown).not.toContain('Kind 5 ');
    // No nudges, no section.
    expect(JSON.stringify(statusMessage(summary).blocks)).not.toContain('*Nudges*');
  });

  it('list and Home: 70 POCs stay within 50 and 100 blocks, and the load is counted against 2 active + 1 in design', () => {
    const summaries = Array.from({ length: 70 }, (_, i) =>
      summarize({
        poc: { ...poc, id: i + 1, name: `POC ${i + 1}` },
        criteria: criteria(5),
        votes: [],
        evidence: [],
        issues: [],
        holidays: new Set(),
        team: [],
        pendingScopeRequests: 0,
        now: new Date('2026-11-24T15:00:00Z'),
      }),
    );
    const load = loadOf([...summaries.map((s) => s.poc), { stage: 'draft' }]);
    expect(load).toEqual({ active: 70, design: 1, overloaded: true });
    expect(
      loadOf([{ stage: 'active' }, { stage: 'signed_off' }, { stage: 'awaiting_signoff' }, { stage: 'won' }]),
    ).toEqual({ active: 2, design: 1, overloaded: false });
    const msg = portfolioMessage(summaries, summaries.slice(0, 8), load);
    expect(blockKitViolations(msg.blocks, 'message')).toEqual([]);
    const home = homeView(summaries, summaries.slice(0, 8), load);
    expect(viewViolations(home as unknown as Record<string, unknown>)).toEqual([]);
    expect(JSON.stringify(home)).toContain('more');
  });

  it('prompts and the scope modal are valid Block Kit', () => {
    expect(
      blockKitViolations(issueSeverityPrompt({ id: 7, number: 3, text: 'z'.repeat(5000) }).blocks, 'message'),
    ).toEqual([]);
    expect(
      blockKitViolations(
        scopeDecisionPrompt({ id: 7, text: 'z'.repeat(5000) }, 'Scope request #7 logged.').blocks,
        'message',
      ),
    ).toEqual([]);
    const view = scopeAcceptView({
      request: { id: 7, text: 'z'.repeat(5000) },
      endDate: '2026-12-04',
      criteria: criteria(8, true),
      metadata: { requestId: 7 },
    });
    expect(viewViolations(view as unknown as Record<string, unknown>)).toEqual([]);
  });
});

describe('risk flags', () => {
  const at = (iso: string, extra: Partial<Parameters<typeof summarize>[0]> = {}) =>
    summarize({
      poc,
      criteria: criteria(3),
      votes: [],
      evidence: [],
      issues: [],
      holidays: new Set(),
      team: [],
      pendingScopeRequests: 0,
      now: new Date(iso),
      ...extra,
    });

  it('flags undecided criteria near or past the end date, a quiet evaluator and pending scope requests', () => {
    expect(at('2026-11-24T15:00:00Z').risks).toEqual([]);
    expect(at('2026-12-02T15:00:00Z').risks).toContain('3 undecided, 2 business days left');
    expect(at('2026-12-05T15:00:00Z').risks).toContain('past end date with 3 undecided');
    // Last seen Thu Nov 19; Tuesday Nov 24 is 3 business days later.
    const lead = { userId: poc.evaluatorId, role: 'lead' as const, lastTs: '1795100400.000100' };
    expect(at('2026-11-24T15:00:00Z', { team: [lead] }).risks).toContain('evaluation team quiet 3 business days');
    // The lead quiet, a second evaluator active today: not "the team is quiet".
    const withTester = at('2026-11-24T15:00:00Z', {
      team: [lead, { userId: 'W0SAM', role: 'evaluator', lastTs: '1795456800.000100' }],
    }).risks;
    expect(withTester).toContain('lead evaluator quiet 3 business days');
    expect(withTester.join()).not.toContain('team quiet');
    expect(
      at('2026-11-24T15:00:00Z', { poc: { ...poc, changedSinceSignoffAt: '2026-11-23T15:00:00.000Z' } }).risks,
    ).toContain('criteria changed since sign-off, awaiting re-sign-off');
    expect(at('2026-11-24T15:00:00Z', { pendingScopeRequests: 1 }).risks).toContain('1 scope request(s) to decide');
  });
});
