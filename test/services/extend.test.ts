// Extending at the service: the SE's first extension moves the end date at once and says so in the
// channel; a second needs the AE's approval, asked by DM, and moves nothing until then.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { type ServiceWorld, serviceWorld } from '../helpers/service-world.js';

let w: ServiceWorld;
let poc: Poc;
beforeEach(async () => {
  w = serviceWorld('2026-12-01T15:00:00Z');
  ({ poc } = await seedPoc(w.store)); // ends 2026-12-04, readout 2026-12-07
});
afterEach(() => w.close());

const extend = (newEndDate: string, reason: string, userId: string = people.se) =>
  w.services.extend.extend({ teamId: poc.teamId, channelId: poc.channelId, userId, newEndDate, reason });

describe('ExtendService', () => {
  it('moves the end date (and the readout with it) on the first extension, and tells the channel', async () => {
    const res = await extend('2026-12-09', 'criteria 2 and 4 need the staging data');
    expect(res).toMatchObject({ ok: true });
    expect(res.pending).toBeUndefined();

    const moved = await w.store.pocs.byId(poc.id);
    expect(moved?.endDate).toBe('2026-12-09');
    expect(moved?.readoutDate).toBe('2026-12-09'); // was 2026-12-07: a readout is never before the end
    expect(await w.store.extensions.forPoc(poc.id)).toMatchObject([
      { status: 'granted', previousEndDate: '2026-12-04', newEndDate: '2026-12-09', criterionPositions: [2, 4] },
    ]);
    const said = w.slack.posts(poc.channelId).map((p) => p.message.text);
    expect(said.some((t) => t.includes('2026-12-04') && t.includes('2026-12-09'))).toBe(true);
  });

  it('refuses a reason that names no criterion, and moves nothing', async () => {
    const res = await extend('2026-12-09', 'we need more time');
    expect(res.ok).toBe(false);
    expect((await w.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-04');
    expect(await w.store.extensions.forPoc(poc.id)).toEqual([]);
    expect(w.slack.calls).toEqual([]);
  });

  it('asks the AE by DM for a second extension and moves nothing until they approve', async () => {
    await extend('2026-12-09', 'criterion 2 needs the staging data');
    const res = await extend('2026-12-11', 'criterion 4 waits for the security review');
    expect(res).toMatchObject({ ok: true, pending: true });
    expect((await w.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-09');
    expect(w.slack.directs(people.ae)).toHaveLength(1);

    const asked = (await w.store.extensions.forPoc(poc.id)).find((x) => x.status === 'awaiting_approval');
    expect(asked).toBeDefined();
    const approved = await w.services.extend.decide({
      teamId: poc.teamId,
      userId: people.ae,
      extensionId: asked?.id as number,
      approve: true,
    });
    expect(approved.ok).toBe(true);
    expect((await w.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-11');
  });
});
