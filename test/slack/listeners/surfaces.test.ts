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
    expect((seen.action[0]?.key as RegExp).test('poc_add')).toBe(false);
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
    t.action('x', async () => {
      ran++;
      throw new Error('first');
    });
    const one = installOn(t).action[0]?.run;
    await expect(one?.({ payload: { action_id: 'x' } })).rejects.toThrow('first');

    t.action('x', async () => {
      ran++;
      throw new Error('second');
    });
    t.action('x', async () => void ran++);
    const many = installOn(t).action[0]?.run;
    ran = 0;
    await expect(many?.({ payload: { action_id: 'x' } })).rejects.toMatchObject({ code: 'slack_bolt_multiple_listener_error' });
    expect(ran).toBe(3);
  });
});
