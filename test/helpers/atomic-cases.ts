// What StoreDb.atomic promises, as cases run on each database (test/store/atomic*.test.ts).
import { expect } from 'vitest';
import type { StoreDb } from '../../src/store/handle.js';
import type { Store } from '../../src/store/index.js';

const days = async (store: Store, pocId: number) => [...(await store.holidays.forPoc(pocId))].sort();

export const atomicCases: Record<string, (h: StoreDb, store: Store, pocId: number) => Promise<void>> = {
  'alone: its writes roll back together when it fails': async (h, store, pocId) => {
    await expect(
      h.atomic(async () => {
        await store.holidays.add(pocId, ['2026-11-26']);
        throw new Error('after the first write');
      }),
    ).rejects.toThrow('after the first write');
    expect(await days(store, pocId)).toEqual([]);
    await h.atomic(() => store.holidays.add(pocId, ['2026-11-27']));
    expect(await days(store, pocId)).toEqual(['2026-11-27']);
  },
  "inside a transaction: part of it, rolled back with the caller's": async (h, store, pocId) => {
    await expect(
      store.transaction(async () => {
        await h.atomic(() => store.holidays.add(pocId, ['2026-11-26']));
        expect(await days(store, pocId)).toEqual(['2026-11-26']);
        throw new Error('the caller fails after');
      }),
    ).rejects.toThrow('the caller fails after');
    expect(await days(store, pocId)).toEqual([]);
    await store.transaction(() => h.atomic(() => store.holidays.add(pocId, ['2026-11-30'])));
    expect(await days(store, pocId)).toEqual(['2026-11-30']);
  },
};
