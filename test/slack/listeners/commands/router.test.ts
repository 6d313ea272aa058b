// Which /poc requests the inbox may answer at the door: those whose subcommand says everything
// through response_url. One that may answer in its ack, or opens a modal, must reach Bolt first.
import { describe, expect, it } from 'vitest';
import { answersLater } from '../../../../src/slack/listeners/commands/router.js';

const poc = (text: unknown, command: unknown = '/poc') => ({ command, text, response_url: 'https://hooks.example/x' });

describe('answersLater', () => {
  it('holds for status and handoff, however they are typed', () => {
    expect(answersLater(poc('status'))).toBe(true);
    expect(answersLater(poc('  STATUS  '))).toBe(true);
    expect(answersLater(poc('handoff weekly'))).toBe(true);
  });

  it('does not hold for a subcommand that answers in its ack or opens a modal', () => {
    for (const text of ['', 'help', 'new Acme', 'edit', 'extend 2026-12-24 more time', 'issue broken', 'nonsense'])
      expect(answersLater(poc(text)), text).toBe(false);
  });

  it('does not hold for another command, or a body without its text', () => {
    expect(answersLater(poc('status', '/other'))).toBe(false);
    expect(answersLater(poc(undefined))).toBe(false);
    expect(answersLater({ type: 'event_callback', event: { type: 'reaction_added' } })).toBe(false);
  });
});
