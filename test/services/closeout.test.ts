// Closing at the service: the outcome and reason stored, every post still queued for the POC
// cancelled (nothing more goes out for a closed POC), only the SE or AE may close, and only once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { type ServiceWorld, serviceWorld } from '../helpers/service-world.js';

let w: ServiceWorld;
let poc: Poc;
beforeEach(async () => {
  w = serviceWorld('2026-12-04T20:00:00Z');
  ({ poc } = await seedPoc(w.store));
  // Tomorrow's standup and a DM, already queued; and a post for another POC, which stays.
  const { poc: other } = await seedPoc(w.store, { channelId: 'C0OTHER' });
  const due = new Date('2026-12-07T14:30:00Z');
  await w.store.outbox.insert(
    [
      {
        key: 'standup:1:2026-12-07',
        pocId: poc.id,
        kind: 'standup',
        target: poc.channelId,
        message: { text: 'Standup' },
        dueAt: due,
      },
      {
        key: 'reminder:1:se',
        pocId: poc.id,
        kind: 'reminder',
        target: people.se,
        message: { text: 'Reminder' },
        dueAt: due,
      },
      {
        key: 'standup:2:2026-12-07',
        pocId: other.id,
        kind: 'standup',
        target: other.channelId,
        message: { text: 'Standup' },
        dueAt: due,
      },
    ],
    w.clock.now(),
  );
});
afterEach(() => w.close());

const close = async (userId: string, outcome: string, reason = '') =>
  w.services.closeout.close((await w.store.pocs.byId(poc.id)) as Poc, { userId, outcome, reason });

describe('CloseoutService.close', () => {
  it('closes as won with the reason, and cancels what was queued for this POC only', async () => {
    const res = await close(people.ae, 'won', 'Signed the order form for 200 seats');
    if (!res.ok) throw new Error(res.message);
    expect(res.skipped).toBe(2);
    expect(await w.store.pocs.byId(poc.id)).toMatchObject({
      stage: 'won',
      outcomeReason: 'Signed the order form for 200 seats',
      closedAt: '2026-12-04T20:00:00.000Z',
    });
    expect((await w.store.outbox.byKey('standup:1:2026-12-07'))?.status).toBe('skipped');
    expect((await w.store.outbox.byKey('reminder:1:se'))?.status).toBe('skipped');
    expect((await w.store.outbox.byKey('standup:2:2026-12-07'))?.status).toBe('pending');
    // Nothing is said in the shared channel: the outcome is the vendor's internal call.
    expect(w.slack.calls).toEqual([]);
  });

  it('takes "no-decision" as the no_decision stage', async () => {
    expect(await close(people.se, 'No-Decision')).toMatchObject({
      ok: true,
      poc: { stage: 'no_decision', outcomeReason: null },
    });
  });

  it('refuses an unknown outcome, a bystander, and a second close; the POC and its queue stay as they were', async () => {
    expect(await close(people.se, 'maybe')).toMatchObject({ ok: false, message: expect.stringContaining('Usage') });
    expect(await close(people.bystander, 'lost')).toMatchObject({ ok: false });
    expect((await w.store.pocs.byId(poc.id))?.stage).toBe('active');
    expect((await w.store.outbox.byKey('standup:1:2026-12-07'))?.status).toBe('pending');

    expect((await close(people.se, 'lost')).ok).toBe(true);
    expect(await close(people.se, 'won')).toMatchObject({ ok: false, message: 'This POC was closed already.' });
    expect((await w.store.pocs.byId(poc.id))?.stage).toBe('lost');
  });
});
