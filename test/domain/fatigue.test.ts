import { describe, expect, it } from 'vitest';
import {
  pushback,
  secondExtension,
  seOverloaded,
  sinceLastAnswered,
  standupsUnanswered,
} from '../../src/domain/fatigue.js';

const standups = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30'].map((day) => ({
  key: `standup:1:${day}`,
  day,
}));

describe('standupsUnanswered', () => {
  const unanswered = (answered: string[], today: string) =>
    standupsUnanswered(sinceLastAnswered(standups, new Set(answered)), today);

  it('fires after 3 unanswered in a row, once per streak (episode = first of the streak)', () => {
    const answered = ['standup:1:2026-11-24'];
    expect(unanswered(answered, '2026-11-27')).toBeUndefined(); // 25, 26: only 2
    const f = unanswered(answered, '2026-11-30'); // 25, 26, 27
    expect(f).toMatchObject({ kind: 'standups_unanswered', episode: 'standup:1:2026-11-25' });
    expect(f?.evidence).toContain('last 3 standups (since Wed Nov 25)');
    expect(unanswered(answered, '2026-12-01')?.episode).toBe('standup:1:2026-11-25');
    expect(unanswered(answered, '2026-12-01')?.evidence).toContain('last 4 standups');
  });

  it("does not count today's standup, which may still be answered", () => {
    expect(standupsUnanswered(sinceLastAnswered(standups.slice(0, 3), new Set()), '2026-11-26')).toBeUndefined();
  });

  it('an answer breaks the streak', () => {
    expect(unanswered(['standup:1:2026-11-27'], '2026-12-01')).toBeUndefined();
  });

  it("an answer to today's standup ends the streak before it: the evaluator is back", () => {
    expect(unanswered([], '2026-11-30')?.episode).toBe('standup:1:2026-11-24');
    expect(unanswered(['standup:1:2026-11-30'], '2026-11-30')).toBeUndefined();
  });
});

describe('sinceLastAnswered', () => {
  it('keeps what was sent after the newest answered standup, or everything when none was answered', () => {
    const keys = (answered: string[]) => sinceLastAnswered(standups, new Set(answered)).map((s) => s.day);
    expect(keys([])).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30']);
    expect(keys(['standup:1:2026-11-25', 'standup:1:2026-11-24'])).toEqual(['2026-11-26', '2026-11-27', '2026-11-30']);
    expect(keys(['standup:1:2026-11-30'])).toEqual([]);
    // An answer to a key that was never sent (or belongs elsewhere) changes nothing.
    expect(keys(['standup:9:2026-11-25'])).toHaveLength(5);
  });
});

describe('pushback, extensions, SE load', () => {
  it('reports pending pushback signals in one nudge keyed by the newest', () => {
    expect(pushback([])).toBeUndefined();
    const f = pushback([
      { messageTs: '1764000000.000100', userId: 'W1', detail: '“swamped” ("swamped")' },
      { messageTs: '1764100000.000100', userId: 'W2', detail: '“next week” ("next week")' },
    ]);
    expect(f).toMatchObject({ kind: 'pushback', episode: '1764100000.000100' });
    // Each quote says who wrote it: the lead and a champion are different conversations for the SE.
    expect(f?.evidence).toBe('<@W1> wrote “swamped” ("swamped"); <@W2> wrote “next week” ("next week").');
  });

  it('fires on the second extension', () => {
    expect(secondExtension(1)).toBeUndefined();
    expect(secondExtension(2)).toMatchObject({ kind: 'second_extension', episode: '2' });
  });

  it('fires when the SE runs more than 2 POCs', () => {
    const pocs = [
      { id: 3, name: 'C' },
      { id: 1, name: 'A' },
    ];
    expect(seOverloaded(pocs)).toBeUndefined();
    expect(seOverloaded([...pocs, { id: 2, name: 'B' }])).toMatchObject({ episode: '1+2+3' });
  });
});
