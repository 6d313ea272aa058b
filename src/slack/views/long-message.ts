// Long content within Block Kit limits: text split across section blocks, blocks split across
// messages. Nothing is dropped; a cut is always marked where it happens.
import type { KnownBlock, SectionBlock } from '@slack/types';
import { charBoundary } from '../../domain/text.js';
import { withoutOpenMarkup } from './text.js';

/** Slack refuses a text object over 3000 chars; keep a margin for the escaping Slack may count. */
export const maxTextChars = 2900;
export const maxMessageBlocks = 50;
/**
 * Slack has refused messages with about 13,200 chars of text in total even though every block
 * was within its own limit (bolt-js#2509); stay under that as well.
 */
export const maxMessageChars = 11_000;

/**
 * Splits text into pieces of at most `max` chars, at line breaks where it can; a single line
 * longer than `max` continues in the next piece (split, not cut).
 */
export function splitText(text: string, max = maxTextChars): string[] {
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') pieces.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      flush();
      const at = charBoundary(rest, max);
      pieces.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    if (current === '') current = rest;
    else if (current.length + 1 + rest.length <= max) current += `\n${rest}`;
    else {
      flush();
      current = rest;
    }
  }
  flush();
  return pieces.length > 0 ? pieces : [''];
}

export const continuedMarker = '…(continued in the Markdown file)';

/** At most `max` chars, with an explicit marker when the rest is only in the Markdown file. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${withoutOpenMarkup(flat.slice(0, charBoundary(flat, max))).trimEnd()} ${continuedMarker}`;
}

/** One or more mrkdwn section blocks holding all of `text`. */
export function sections(text: string): SectionBlock[] {
  return splitText(text)
    .filter((t) => t.trim() !== '')
    .map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
}

function blockChars(block: KnownBlock): number {
  let n = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') n += o.text.length;
      for (const [k, child] of Object.entries(o)) if (k !== 'text' || typeof child !== 'string') visit(child);
    }
  };
  visit(block);
  return n;
}

/**
 * Packs blocks into messages of at most `maxBlocks` blocks and `maxChars` chars of text, in
 * order. `reserveBlocks` leaves room for blocks the caller adds to each message (a "part n of m").
 */
export function packMessages(blocks: KnownBlock[], reserveBlocks = 0, maxChars = maxMessageChars): KnownBlock[][] {
  const limit = maxMessageBlocks - reserveBlocks;
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let chars = 0;
  for (const b of blocks) {
    const size = blockChars(b);
    if (current.length > 0 && (current.length + 1 > limit || chars + size > maxChars)) {
      messages.push(current);
      current = [];
      chars = 0;
    }
    // A divider never starts a message.
    if (current.length === 0 && b.type === 'divider') continue;
    current.push(b);
    chars += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
