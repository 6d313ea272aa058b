import { describe, expect, it } from 'vitest';
import type { Criterion, Poc, Vote } from '../../../src/domain/poc.js';
import { progress, standings } from '../../../src/domain/results.js';
import { timeline } from '../../../src/domain/timeline.js';
import { checkpointAnswersBlock } from '../../../src/slack/ids.js';
import { checkpointMessage, withCheckpointAnswers } from '../../../src/slack/views/checkpoint.js';
import { endDayMessage, endSoonMessage, readoutDayMessage } from '../../../src/slack/views/reminders.js';
import { standupMessage } from '../../../src/slack/views/standup.js';
import { blockKitViolations } from '../../../testkit/block-kit-rules.js';
import { people, pocRow } from '../../../testkit/fixtures.js';

const poc: Poc = { id: 1, ...pocRow() };

function criteria(n: number, statementLength: number): Criterion[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    pocId: 1,
    position: i + 1,
    statement: `Criterion ${i + 1} <must> & pass ${'x'.repeat(statementLength)}`,
    threshold: '1',
    category: 'functional',
    messageTs: null,
    droppedAt: null,
    droppedReason: null,
    revision: 1,
  }));
}

const votes: Vote[] = [
  {
    criterionId: 1,
    userId: people.evaluator,
    role: 'lead',
    result: 'pass',
    reaction: 'white_check_mark',
    votedAt: '2026-11-24T10:00:00Z',
    eventTs: '1763978400.000100',
    revision: 1,
  },
  // A vendor call on criterion 2: open, awaiting the customer's confirmation.
  {
    criterionId: 2,
    userId: people.se,
    role: 'vendor',
    result: 'pass',
    reaction: 'white_check_mark',
    votedAt: '2026-11-24T11:00:00Z',
    eventTs: '1763982000.000100',
    revision: 1,
  },
];

describe('scheduled post builders', () => {
  for (const [n, len] of [
    [3, 40],
    [40, 400],
  ] as const) {
    it(`stay within Block Kit limits with ${n} criteria of ${len}+ chars`, () => {
      const list = standings(criteria(n, len), votes);
      const line = timeline(poc, '2026-11-25', new Set());
      const base = { poc, today: '2026-11-25', timeline: line, progress: progress(list), standings: list };
      const messages = [
        standupMessage({ ...base, agenda: [{ date: '2026-11-27', what: 'checkpoint' }] }),
        checkpointMessage({ ...base, openIssues: 2, key: 'checkpoint:1:2026-11-27' }),
        endSoonMessage({ ...base, businessDaysLeft: 2 }),
        endDayMessage({ ...base, businessDaysLeft: 0 }),
        readoutDayMessage({ ...base, businessDaysLeft: 0 }),
      ];
      for (const m of messages) {
        expect(blockKitViolations(m.blocks ?? [], 'message')).toEqual([]);
        expect(m.text.length).toBeGreaterThan(0);
      }
      const standup = JSON.stringify(messages[0]?.blocks);
      expect(standup).toContain('Day 3 of 10');
      expect(standup).toContain('Criteria decided: *1/');
      expect(standup).toContain('&lt;must&gt; &amp; pass'); // people's text is escaped
      if (n > 10) expect(standup).toMatch(/…and \d+ more/);
      // The checkpoint walks every criterion, however many sections it takes.
      const checkpoint = JSON.stringify(messages[1]?.blocks);
      for (let i = 1; i <= n; i++) expect(checkpoint).toContain(`*#${i}* `);
      expect(checkpoint).not.toMatch(/…and \d+ more/);
    });
  }

  it('the readout-day DM says the readout is today, or, sent early because that day is off, when it is', () => {
    const list = standings(criteria(3, 10), votes);
    const base = { poc, progress: progress(list), standings: list, businessDaysLeft: 0 };
    expect(JSON.stringify(readoutDayMessage({ ...base, today: poc.readoutDate }).blocks)).toContain(
      `*Today is the readout for`,
    );
    const early = readoutDayMessage({ ...base, today: '2026-12-04' });
    expect(early.text).toContain('a day off for this POC');
    expect(JSON.stringify(early.blocks)).toContain('is Mon Dec 7*, a day off for this POC: move it with `/poc edit`');
  });

  it('says the end date is today on the last day, and counts business days before it', () => {
    const list = standings(criteria(2, 20), votes);
    const on = (today: string) =>
      JSON.stringify(
        standupMessage({
          poc,
          today,
          timeline: timeline(poc, today, new Set()),
          progress: progress(list),
          standings: list,
          agenda: [],
        }).blocks,
      );
    expect(on(poc.endDate)).toContain('*End date today*');
    expect(on(poc.endDate)).not.toContain('0 business days after today');
    expect(on('2026-11-25')).toContain('business days after today');
  });

  it('puts the answers under the buttons, one line per person, replacing the previous line', () => {
    const list = standings(criteria(2, 10), []);
    const m = checkpointMessage({
      poc,
      today: '2026-11-27',
      timeline: timeline(poc, '2026-11-27', new Set()),
      progress: progress(list),
      standings: list,
      openIssues: 0,
      key: 'k',
    });
    const once = withCheckpointAnswers(m, [{ userId: people.evaluator, choice: 'at_risk' }]);
    const twice = withCheckpointAnswers(once, [
      { userId: people.evaluator, choice: 'on_track' },
      { userId: people.se, choice: 'on_track' },
    ]);
    const answerBlocks = (twice.blocks ?? []).filter((b) => b.block_id === checkpointAnswersBlock);
    expect(answerBlocks).toHaveLength(1);
    expect(JSON.stringify(answerBlocks[0])).toContain(
      `<@${people.evaluator}>: *On track* · <@${people.se}>: *On track*`,
    );
    expect((twice.blocks ?? []).at(-1)?.block_id).toBe(checkpointAnswersBlock);
  });
});
