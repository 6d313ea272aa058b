import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { SurfaceTables } from '../../../src/slack/listeners/surfaces.js';

type Installed = { key: unknown; run: (args: Record<string, unknown>) => Promise<void> };

function installOn(tables: SurfaceTables): Record<'event' | 'action' | 'view', Installed[]> {
  const seen: Record<'event' | 'action' | 'view', Installed[]> = { event: [], action: [], view: [] };
  const app = {
    event: (key: unknown, run: Installed['run']) => seen.event.push({ key, run }),
    action: (key: unknown, run: Installed['run']) => seen.action.push({ key, run }),
    view: (key: unknown, run: Installed['run']) => seen.view.push({ key, run }),
  };
  tables.install(app as unknown as App);
  return seen;
}

describe('listener surfaces', () => {
  it('installs one Bolt listener per surface, matching exactly the registered keys', () => {
    const t = new SurfaceTables();
    t.event('reaction_added', async () => {});
    t.event('message', async () => {});
    t.action('poc.add', async () => {});
    const seen = installOn(t);
    expect(seen.event).toHaveLength(1);
    expect(seen.action).toHaveLength(1);
    expect(seen.view).toHaveLength(0);
    const pattern = seen.event[0]?.key as RegExp;
    expect(pattern.test('reaction_added')).toBe(true);
    expect(pattern.test('message')).toBe(true);
    expect(pattern.test('reaction_added_x')).toBe(false);
    const action = seen.action[0]?.key as RegExp;
    expect(action.test('poc_add')).toBe(false);
  });

  it('runs every handler of the key in registration order, and only those', async () => {
    const t = new SurfaceTables();
    const calls: string[] = [];
    t.event('reaction_added', async () => void calls.push('a'));
    t.event('reaction_added', async () => void calls.push('b'));
    t.event('message', async () => void calls.push('m'));
    const run = installOn(t).event[0]?.run;
    await run?.({ event: { type: 'reaction_added' } });
    expect(calls).toEqual(['a', 'b']);
  });

  it('rethrows one failure as is and several as a MultipleListenerError, after all ran', async () => {
    const t = new SurfaceTables();
    let ran = 0;
    t.event('message', async () => {
      ran++;
      throw new Error('first');
    });
    const one = installOn(t).event[0]?.run;
    await expect(one?.({ event: { type: 'message' } })).rejects.toThrow('first');

    t.event('message', async () => {
      ran++;
      throw new Error('second');
    });
    t.event('message', async () => void ran++);
    const many = installOn(t).event[0]?.run;
    ran = 0;
    await expect(many?.({ event: { type: 'message' } })).rejects.toMatchObject({
      code: 'slack_bolt_multiple_listener_error',
    });
    expect(ran).toBe(3);
  });

  it('answers a failed click itself: one error line, a retry note through response_url, nothing rethrown', async () => {
    const t = new SurfaceTables();
    t.action('x', async () => {
      throw new Error('database is locked');
    });
    const errors: string[] = [];
    const replies: unknown[] = [];
    // The error itself is passed on (the logger writes its stack), after the line's text.
    const logger = {
      error: (m: string, err: unknown) => errors.push(`${m} ${err instanceof Error ? err.message : String(err)}`),
      warn: () => undefined,
    };
    const run = installOn(t).action[0]?.run;
    await expect(
      run?.({ payload: { action_id: 'x' }, logger, respond: async (m: unknown) => void replies.push(m) }),
    ).resolves.toBeUndefined();
    expect(errors).toEqual(['x failed: database is locked']);
    expect(replies).toEqual([
      {
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Sorry, that did not work. Please try again in a moment.',
      },
    ]);
    // A reply that cannot be delivered does not turn into a second failure.
    const failing = async () => {
      throw new Error('HTTP 404');
    };
    await expect(run?.({ payload: { action_id: 'x' }, logger, respond: failing })).resolves.toBeUndefined();
    expect(errors).toHaveLength(2);
  });
});
