// TurnBatch: a turn's items in one write; with a bound on writes under way, the items that come
// meanwhile wait and go together in the next write (group commit).
import { describe, expect, it } from 'vitest';
import { TurnBatch } from '../../src/services/turn-batch.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A write that records its batches and finishes when the test says so. */
function controlledWrite() {
  const batches: number[][] = [];
  const finish: Array<() => void> = [];
  const write = (items: number[]) =>
    new Promise<string[]>((resolve) => {
      batches.push(items);
      finish.push(() => resolve(items.map((i) => `stored ${i}`)));
    });
  return { batches, finish, write };
}

describe('TurnBatch', () => {
  it('writes the items of one turn together, each caller getting its own result', async () => {
    const { batches, finish, write } = controlledWrite();
    const batch = new TurnBatch(write);
    const results = Promise.all([batch.add(1), batch.add(2), batch.add(3)]);
    expect(batch.waiting).toBe(true);
    await turn();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(batch.waiting).toBe(false);
    finish[0]?.();
    expect(await results).toEqual(['stored 1', 'stored 2', 'stored 3']);
  });

  it('unbounded, starts a write every turn even while others are under way', async () => {
    const { batches, write } = controlledWrite();
    const batch = new TurnBatch(write);
    void batch.add(1);
    await turn();
    void batch.add(2);
    await turn();
    expect(batches).toEqual([[1], [2]]);
  });

  it('bounded, holds what comes while the writes are under way and writes it together after', async () => {
    const { batches, finish, write } = controlledWrite();
    const batch = new TurnBatch(write, { writesAtOnce: 1 });
    const first = batch.add(1);
    await turn();
    const later = [batch.add(2), batch.add(3)];
    await turn();
    const last = batch.add(4);
    await turn();
    expect(batches).toEqual([[1]]);
    expect(batch.waiting).toBe(true);
    finish[0]?.();
    expect(await first).toBe('stored 1');
    await turn();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]?.();
    expect(await Promise.all([...later, last])).toEqual(['stored 2', 'stored 3', 'stored 4']);
  });

  it('a failed write fails each of its items, and the next write still goes', async () => {
    let calls = 0;
    const batch = new TurnBatch<number, number>(
      async (items) => {
        if (++calls === 1) throw new Error('disk full');
        return items;
      },
      { writesAtOnce: 1 },
    );
    const failed = [batch.add(1), batch.add(2)].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(failed)).toEqual(['disk full', 'disk full']);
    expect(await batch.add(3)).toBe(3);
  });
});
