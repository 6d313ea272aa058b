// Standup replies are recorded as their events are handled, which on PostgreSQL may commit in
// any order; a POC's answers still read back in the order they were said.
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { createStore } from '../../src/store/index.js';
import { seedPoc } from '../../testkit/fixtures.js';

let open: OpenDatabase | undefined;
afterEach(() => open?.close());

describe('AnswerStore.forPoc', () => {
  it("reads a POC's answers in the order of their messages, not of their recording", async () => {
    open = openDatabase(':memory:');
    const store = createStore(open.db);
    const { poc } = await seedPoc(store);
    for (const [value, messageTs] of [
      ['third', '1763914102.000100'],
      ['first', '1763914100.000100'],
      ['second', '1763914101.000100'],
    ] as const) {
      await store.answers.addReply({
        pocId: poc.id,
        outboxKey: `standup:${poc.id}:2026-11-23`,
        kind: 'standup',
        userId: 'U0EVAL',
        value,
        messageTs,
        answeredAt: '2026-11-23T16:00:00.000Z',
      });
    }
    expect((await store.answers.forPoc(poc.id, 'standup')).map((a) => a.value)).toEqual(['first', 'second', 'third']);
  });
});
