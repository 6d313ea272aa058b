// The shared async context: each slot behaves as an AsyncLocalStorage of its own would, though
// all of them live in one storage's frames.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ContextSlot } from '../src/async-context.js';

describe('ContextSlot', () => {
  it('carries a value through awaits, timers and promises started inside', async () => {
    const slot = new ContextSlot<string>('a');
    const seen = await slot.run('acme', async () => {
      await nextTurn();
      const later = await new Promise<string | undefined>((resolve) => setTimeout(() => resolve(slot.get()), 1));
      return [slot.get(), later];
    });
    expect(seen).toEqual(['acme', 'acme']);
    expect(slot.get()).toBeUndefined();
  });

  it('keeps the other slots as they are when one is set, and restores it after', async () => {
    const workspace = new ContextSlot<string>('workspace');
    const holder = new ContextSlot<object>('holder');
    const owner = {};
    await workspace.run('T1', () =>
      holder.run(owner, async () => {
        expect([workspace.get(), holder.get()]).toEqual(['T1', owner]);
        await workspace.run('T2', async () => {
          await nextTurn();
          expect([workspace.get(), holder.get()]).toEqual(['T2', owner]);
        });
        expect(workspace.get()).toBe('T1');
        // Cleared in this slot only, as AsyncLocalStorage.exit would.
        workspace.run(undefined, () => expect([workspace.get(), holder.get()]).toEqual([undefined, owner]));
      }),
    );
  });

  it('gives two slots of the same name their own values', () => {
    const first = new ContextSlot<number>('same');
    const second = new ContextSlot<number>('same');
    first.run(1, () => second.run(2, () => expect([first.get(), second.get()]).toEqual([1, 2])));
  });

  it('keeps concurrent runs apart', async () => {
    const slot = new ContextSlot<number>('n');
    const read = (n: number) =>
      slot.run(n, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5 - n));
        return slot.get();
      });
    expect(await Promise.all([read(1), read(2), read(3)])).toEqual([1, 2, 3]);
  });
});
