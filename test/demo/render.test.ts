import { describe, expect, it } from 'vitest';
import { findButton } from '../../demo/driver.js';
import { mrkdwnToText, renderBlocks } from '../../demo/render.js';

const names = {
  user: (id: string) => ({ U0PRIYA: 'Priya Shah', W0DANA: 'Dana Kim' })[id] ?? id,
  channel: (id: string) => (id === 'C0POV' ? 'acme-pov' : id),
  zone: 'America/New_York',
};

describe('demo rendering', () => {
  it('shows mentions, channels, links, dates and emoji as a reader sees them', () => {
    const text =
      '<@W0DANA> in <#C0POV>: <https://x.test/r|report> :white_check_mark: since <!date^1796229000^{date_short_pretty} {time}|2026-12-02T16:30:00Z> &amp; :unknown_code:';
    expect(mrkdwnToText(text, names)).toBe(
      '@Dana Kim in #acme-pov: report (https://x.test/r) ✅ since Wed Dec 2 11:30 & :unknown_code:',
    );
    expect(mrkdwnToText('<!date^1796229000^{time}|fallback>', { ...names, zone: undefined })).toBe('fallback');
  });

  it('renders headers, sections, context and buttons', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Scoreboard' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'by <@U0PRIYA>' } },
      { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Post' } }] },
    ];
    expect(renderBlocks(blocks, names)).toBe('== Scoreboard ==\nby @Priya Shah\n[ Post ]');
  });

  it('finds a button by action_id with its value and block, and nothing for an absent one', () => {
    const blocks = [
      {
        type: 'section',
        block_id: 's1',
        text: { type: 'mrkdwn', text: 'x' },
        accessory: { type: 'button', action_id: 'acc', value: '7', text: { type: 'plain_text', text: 'Go' } },
      },
      {
        type: 'actions',
        block_id: 'b2',
        elements: [
          {
            type: 'button',
            action_id: 'nudge_ping_evaluator',
            value: 'key:1',
            text: { type: 'plain_text', text: 'Ping' },
          },
        ],
      },
    ];
    expect(findButton(blocks, 'nudge_ping_evaluator')).toEqual({
      actionId: 'nudge_ping_evaluator',
      value: 'key:1',
      blockId: 'b2',
      label: 'Ping',
    });
    expect(findButton(blocks, 'acc')).toMatchObject({ value: '7', blockId: 's1' });
    expect(findButton(blocks, 'missing')).toBeUndefined();
  });
});
