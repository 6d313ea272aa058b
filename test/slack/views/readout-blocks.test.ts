import { describe, expect, it } from 'vitest';
import type { Criterion, Poc, Vote } from '../../../src/domain/poc.js';
import { buildReadout, type ReadoutSources } from '../../../src/domain/readout-model.js';
import { readoutMarkdown } from '../../../src/domain/readout-markdown.js';
import { readoutPostAction } from '../../../src/slack/ids.js';
import { continuedMarker, splitText } from '../../../src/slack/views/long-message.js';
import { readoutMessages, readoutPreview } from '../../../src/slack/views/readout-blocks.js';
import { blockKitViolations } from '../../../testkit/block-kit-rules.js';
import { people, pocRow } from '../../../testkit/fixtures.js';

const poc: Poc = { id: 9, ...pocRow({ name: 'N'.repeat(170) }) };

function bigSources(count: number): ReadoutSources {
  const criteria: Criterion[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    pocId: 9,
    position: i + 1,
    // Long statements, one far over a text object's limit.
    statement:
      i === 3
        ? `Huge ${'s'.repeat(4500)} end-of-statement`
        : `Criterion ${i + 1}: ${'word '.repeat(60)}under 10 seconds`,
    threshold: '10 s',
    category: 'functional',
    messageTs: `17639100${String(i + 1).padStart(2, '0')}.000100`,
    droppedAt: null,
    droppedReason: null,
    revision: 1,
  }));
  const votes: Vote[] = criteria.map((c, i) => ({
    criterionId: c.id,
    userId: people.evaluator,
    role: 'lead',
    result: i % 3 === 0 ? 'pass' : i % 3 === 1 ? 'partial' : 'pass',
    reaction: 'white_check_mark',
    votedAt: '2026-11-25T15:00:00.000Z',
    eventTs: '1764082800.000100',
    revision: 1,
  }));
  const evidence = criteria.flatMap((c) =>
    [1, 2, 3].map((n) => ({
      criterionId: c.id,
      userId: people.se,
      text:
        c.position === 1 && n === 1
          ? `START ${'x'.repeat(5000)} THE-VERY-END`
          : `Evidence ${n} for ${c.position}: ${'detail '.repeat(40)}`,
      messageTs: `1764${String(c.position).padStart(3, '0')}${n}000.000100`,
      permalink: `https://vendor.slack.test/archives/C0ACME/p${c.position}${n}`,
      postedAt: '2026-11-25T16:00:00.000Z',
    })),
  );
  return {
    poc,
    criteria,
    votes,
    evidence,
    issues: [],
    scopeRequests: [],
    extensions: [],
    pauses: [],
    activeDays: [],
    answers: [],
    posted: { standups: 0, checkpoints: 0 },
    holidays: [],
  };
}

const now = new Date('2026-12-08T15:00:00.000Z');

describe('readoutMessages', () => {
  const model = buildReadout(bigSources(40), now);
  const messages = readoutMessages(model);

  it('splits 40 long criteria across messages Slack accepts', () => {
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks?.length).toBeLessThanOrEqual(50);
      expect(blockKitViolations(m.blocks ?? [], 'message')).toEqual([]);
    }
    const all = JSON.stringify(messages);
    for (let p = 1; p <= 40; p++) expect(all).toContain(`*#${p} `);
    expect(messages[1]?.text).toContain(`part 2 of ${messages.length}`);
  });

  it('splits an over-long statement across blocks instead of cutting it', () => {
    const texts = messages.flatMap((m) =>
      (m.blocks ?? []).map((b) => (b.type === 'section' && b.text ? b.text.text : '')),
    );
    expect(texts.some((t) => t.length > 3000)).toBe(false);
    // The pieces follow each other, so joined they hold the statement whole.
    expect(texts.join('')).toContain(`Huge ${'s'.repeat(4500)} end-of-statement`);
  });

  it('cuts a very long evidence text with an explicit marker, and keeps it whole in the Markdown', () => {
    const all = JSON.stringify(messages);
    expect(all).toContain(continuedMarker);
    expect(all).not.toContain('THE-VERY-END');
    const md = readoutMarkdown(model);
    expect(md).toContain(`START ${'x'.repeat(5000)} THE-VERY-END`);
  });

  it('puts a name too long for a header in a section, whole', () => {
    expect(JSON.stringify(messages[0]?.blocks)).toContain('N'.repeat(170));
  });
});

describe('readoutPreview', () => {
  it('stays within one message and carries the post button with the POC id', () => {
    const model = buildReadout(bigSources(40), now);
    const preview = readoutPreview(model, 3);
    expect(blockKitViolations(preview.blocks ?? [], 'message')).toEqual([]);
    const actions = preview.blocks?.find((b) => b.type === 'actions');
    expect(JSON.stringify(actions)).toContain(readoutPostAction);
    expect(JSON.stringify(actions)).toContain('"value":"9"');
  });
});

describe('splitText', () => {
  it('keeps every character', () => {
    const text = ['a'.repeat(10), 'b'.repeat(25), 'c'.repeat(3)].join('\n');
    const pieces = splitText(text, 12);
    expect(pieces.every((p) => p.length <= 12)).toBe(true);
    expect(pieces.join('').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
  });
});
