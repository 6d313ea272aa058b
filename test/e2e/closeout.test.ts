// Issue 7: /poc close stops everything for the POC; /poc decision and /poc handoff feed
// Customer Success; the SE is reminded 30 days after a win.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handoffReminderKey } from '../../src/jobs/handoff-reminder.js';
import { blockKitViolations } from '../../testkit/block-kit-rules.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { eventually, type Harness, startHarness } from '../../testkit/harness.js';

const channel = 'C0ACME';

describe('/poc close, decision and handoff', () => {
  let h: Harness;
  beforeEach(async () => {
    // Tuesday Nov 24, 09:00 in New York: the standup (09:30) has not gone out yet.
    h = await startHarness({ now: '2026-11-24T14:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  const run = async (text: string, user: string = people.se, where = channel) => {
    const res = await h.slack.command({ text, userId: user, channelId: where });
    expect(res.status).toBe(200);
    return JSON.stringify(res.json ?? {});
  };
  const responses = () => h.fake.responses.map((r) => JSON.stringify(r.body));

  it('closes with the outcome, skips what was queued, and later ticks post nothing for that POC', async () => {
    const { poc } = await seedPoc(h.bot.store);
    const other = (await seedPoc(h.bot.store, { channelId: 'C0BETA', name: 'Beta PoV' })).poc;
    // Queued before the close, due after it.
    await h.bot.store.outbox.insert(
      [
        {
          key: `standup:${poc.id}:2026-11-24`,
          pocId: poc.id,
          kind: 'standup',
          target: channel,
          message: { text: 'standup' },
          dueAt: new Date('2026-11-24T14:30:00Z'),
        },
      ],
      h.clock.now(),
    );

    expect(await run('close won PO signed for 200 seats', people.bystander)).toContain('Only the SE');
    expect(await run('close maybe')).toContain('Usage: `/poc close won|lost|no-decision|abandoned');
    expect((await h.bot.store.pocs.byId(poc.id))?.closedAt).toBeNull();

    const reply = await run('close won PO signed for 200 seats');
    expect(reply).toContain('Closed *Acme analytics PoV* as *won*');
    expect(reply).toContain('1 scheduled post(s) cancelled');
    expect(reply).toContain('"response_type":"ephemeral"');
    expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({
      stage: 'won',
      outcomeReason: 'PO signed for 200 seats',
      closedAt: '2026-11-24T14:00:00.000Z',
    });
    expect(await h.bot.store.outbox.byKey(`standup:${poc.id}:2026-11-24`)).toMatchObject({ status: 'skipped' });
    // A second close finds nothing open, and says the POC was closed (won) already.
    expect(await run('close lost')).toContain('was closed on Tue Nov 24 (won); nothing is open here now');

    const report = await h.bot.jobs.tick(new Date('2026-11-24T14:31:00Z'));
    // The open POC in the other channel gets its standup: the tick did run.
    await eventually(() => h.fake.channelMessages('C0BETA').length > 0);
    expect(h.fake.channelMessages(channel)).toHaveLength(0);
    expect(h.fake.messages.filter((m) => JSON.stringify(m).includes('Acme analytics PoV'))).toHaveLength(0);
    expect((await h.bot.store.outbox.list({ pocId: poc.id })).map((r) => r.status)).toEqual(['skipped']);
    expect(report.lines.join('\n')).not.toContain(`:${poc.id}:`);
    expect((await h.bot.store.outbox.list({ pocId: other.id })).length).toBeGreaterThan(0);
  });

  it('answers a command in the channel of a closed POC with when and how it closed, not as if there had never been one', async () => {
    await seedPoc(h.bot.store);
    expect(await run('close lost the pilot went to a competitor')).toContain('Closed');
    const closedSay = 'Acme analytics PoV in this channel was closed on Tue Nov 24 (lost); nothing is open here now.';
    expect(await run('edit')).toContain(closedSay);
    expect(await run('issue blocker SSO fails')).toContain(closedSay);
    expect(await run('scope a Tableau connector')).toContain(closedSay);
    await run('status');
    await eventually(() => responses().some((r) => r.includes(closedSay)));
    // A channel that never had one still says so.
    expect(await run('edit', people.se, 'C0EMPTY')).toContain('There is no POC in this channel yet');
  });

  it('sends the SE a hand-off that matches what was recorded, only after a win', async () => {
    h.fake.addUser({ id: people.ae, real_name: 'Alex Account' });
    h.fake.addUser({ id: people.se, real_name: 'Sam Engineer' });
    const { poc } = await seedPoc(h.bot.store);
    const { store } = h.bot;
    expect(await run('decision Production goes in the EU region', people.ae)).toContain('Decision recorded');
    expect(await run('decision')).toContain('Usage: `/poc decision');
    expect(await run('decision Something', people.bystander)).toContain('Only the SE');
    await run('metric 1.2 measured on the March close');
    const issue = await store.issues.open({
      pocId: poc.id,
      text: 'Export times out over 1 GB',
      severity: 'limitation',
      openedBy: people.se,
      openedAt: '2026-11-24T14:00:00.000Z',
    });
    expect(await run(`issue workaround ${issue.number} Split exports by month`)).toContain(
      `Workaround recorded for issue #${issue.number}`,
    );
    // Logged from a customer's message (the shortcut): its mention and disguised link are repeated harmlessly.
    const req = await store.scopeRequests.insert({
      pocId: poc.id,
      text: 'Salesforce connector <!here> <https://evil.example|https://acme.example/spec>',
      requestedBy: people.evaluator,
      requestedAt: '2026-11-25T15:00:00.000Z',
    });
    await store.scopeRequests.decide(req.id, {
      decision: 'deferred',
      decidedBy: people.se,
      decidedAt: '2026-11-25T16:00:00.000Z',
    });

    await run('handoff');
    await eventually(() => responses().some((r) => r.includes('for a won POC')));
    expect(h.fake.directMessages(people.se)).toHaveLength(0);

    await run('close won Signed');
    await run('handoff', people.bystander);
    await eventually(() => responses().some((r) => r.includes('Only the SE')));
    await run('handoff hourly');
    await eventually(() => responses().some((r) => r.includes('Usage: `/poc handoff')));

    await run('handoff quarterly', people.ae);
    await eventually(() => responses().some((r) => r.includes('Sent the Customer Success hand-off to <@U0SE>')));
    const dms = h.fake.directMessages(people.se);
    expect(dms.length).toBeGreaterThanOrEqual(1);
    for (const m of dms) expect(blockKitViolations(m.blocks ?? [], 'message')).toEqual([]);
    const dm = JSON.stringify(dms.map((m) => m.blocks));
    expect(dm).toContain('quarterly; I will remind you on 2026-12-24');
    expect(dm).toContain('Month-end close time: baseline 5 days → target 1 day → measured 1.2 days');
    expect(dm).toContain('<@U0AE>: Production goes in the EU region');
    expect(dm).toContain('Export times out over 1 GB — workaround: Split exports by month');
    expect(dm).toContain(
      'Salesforce connector @here https://acme.example/spec (<https://evil.example>) (asked by <@W0EVAL>)',
    );
    expect(dm).not.toContain('<!here>');
    expect(dm).toContain('Economic buyer: <@W0EB>');

    const file = await eventually(() => h.fake.files.find((f) => f.channel === `D${people.se}`));
    expect(file.content).toContain('# Customer Success hand-off: Acme analytics PoV');
    expect(file.content).toContain('Track quarterly. A reminder to check them goes to the SE on 2026-12-24.');
    expect(file.content).toContain('measured 1.2 days');
    expect(file.content).toContain('Note on the measurement: measured on the March close');
    expect(file.content).toContain('Alex Account (@U0AE): Production goes in the EU region');
    expect(file.content).toContain('#1 [limitation] Export times out over 1 GB — workaround: Split exports by month');
    expect(file.content).toContain(
      '- Salesforce connector @here https://acme.example/spec (https://evil.example) (asked by @W0EVAL)',
    );
    expect(file.content).not.toContain('<!here>');
    expect(file.content).toContain('- Sales engineer: Sam Engineer (@U0SE)');
    expect(file.content).toContain('Order form for 200 seats, signed by Dec 18');
  });

  it('reminds the SE once, 30 days after the win, at the standup time', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await run('close won');
    const lost = (await seedPoc(h.bot.store, { channelId: 'C0LOST', seId: 'U0SE2' })).poc;
    await run('close lost', 'U0SE2', 'C0LOST');

    await h.bot.jobs.tick(new Date('2026-12-24T14:29:00Z'));
    expect(h.fake.directMessages(people.se)).toHaveLength(0);

    await h.bot.jobs.tick(new Date('2026-12-24T14:31:00Z'));
    const dm = await eventually(() => h.fake.directMessages(people.se)[0]);
    expect(dm.text).toContain('30 days since Acme analytics PoV was won');
    expect(await h.bot.store.outbox.byKey(handoffReminderKey(poc.id))).toMatchObject({ status: 'sent' });

    await h.bot.jobs.tick(new Date('2026-12-25T14:31:00Z'));
    expect(h.fake.directMessages(people.se)).toHaveLength(1);
    expect(await h.bot.store.outbox.byKey(handoffReminderKey(lost.id))).toBeUndefined();
    expect(h.fake.directMessages('U0SE2')).toHaveLength(0);
  });
});
