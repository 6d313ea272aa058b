// A scope decision at the service: accepting a request costs a dropped criterion or a later end
// date, never nothing; the channel hears the trade; only the SE or AE decides.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Criterion, Poc } from '../../src/domain/poc.js';
import type { ScopeRequest } from '../../src/store/scope-requests.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { type ServiceWorld, serviceWorld } from '../helpers/service-world.js';

let w: ServiceWorld;
let poc: Poc;
let criteria: Criterion[];
let request: ScopeRequest;
beforeEach(async () => {
  w = serviceWorld('2026-12-01T15:00:00Z');
  ({ poc, criteria } = await seedPoc(w.store));
  const logged = await w.services.scope.log({
    teamId: poc.teamId,
    channelId: poc.channelId,
    userId: people.ae,
    requestedBy: people.evaluator,
    text: 'Also test the Looker connector',
  });
  if (!logged.ok) throw new Error(logged.message);
  request = logged.request;
});
afterEach(() => w.close());

const accept = async (input: { userId?: string; newEndDate?: string; dropCriterionId?: number }) =>
  w.services.scope.accept({
    teamId: poc.teamId,
    userId: input.userId ?? people.se,
    requestId: request.id,
    newEndDate: input.newEndDate,
    dropCriterionId: input.dropCriterionId,
  });

describe('ScopeService', () => {
  it('logs the request pending, as asked by the customer', async () => {
    expect(await w.store.scopeRequests.byId(request.id)).toMatchObject({
      decision: 'pending',
      requestedBy: people.evaluator,
      text: 'Also test the Looker connector',
    });
  });

  it('accepts in exchange for a dropped criterion: the request decided, the criterion dropped, the channel told', async () => {
    const dropped = criteria[4] as Criterion;
    const res = await accept({ dropCriterionId: dropped.id });
    if (!res.ok) throw new Error(res.message);
    expect(await w.store.scopeRequests.byId(request.id)).toMatchObject({
      decision: 'accepted',
      decidedBy: people.se,
      droppedCriterionId: dropped.id,
      newEndDate: null,
    });
    expect((await w.store.criteria.listActive(poc.id)).map((c) => c.position)).toEqual([1, 2, 3, 4]);
    expect((await w.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-04');

    await res.announce();
    const said = w.slack.posts(poc.channelId).map((p) => p.message.text);
    expect(said.some((t) => t.includes('Scope change accepted') && t.includes('criterion 5 dropped'))).toBe(true);
  });

  it('accepts in exchange for time: the end date moves like an extension', async () => {
    const res = await accept({ newEndDate: '2026-12-09' });
    expect(res.ok).toBe(true);
    expect((await w.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-09');
    expect(await w.store.extensions.forPoc(poc.id)).toMatchObject([{ status: 'granted', newEndDate: '2026-12-09' }]);
  });

  it('refuses to accept for free, and refuses a bystander; the request stays pending', async () => {
    expect(await accept({})).toMatchObject({ ok: false, field: 'newEndDate' });
    expect(await accept({ userId: people.bystander, dropCriterionId: criteria[0]?.id })).toMatchObject({
      ok: false,
      field: 'general',
    });
    expect((await w.store.scopeRequests.byId(request.id))?.decision).toBe('pending');
    expect(await w.store.criteria.listActive(poc.id)).toHaveLength(5);
  });

  it('defers once; a second decision is refused', async () => {
    expect((await w.services.scope.defer({ teamId: poc.teamId, userId: people.se, requestId: request.id })).ok).toBe(
      true,
    );
    expect((await w.store.scopeRequests.byId(request.id))?.decision).toBe('deferred');
    expect(await accept({ dropCriterionId: criteria[0]?.id })).toMatchObject({
      ok: false,
      message: expect.stringContaining('already deferred'),
    });
  });
});
