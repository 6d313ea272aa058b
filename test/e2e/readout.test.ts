// Issue 7: /poc readout (preview, then post), /poc metric, and the Markdown file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Criterion, Poc } from '../../src/domain/poc.js';
import { readoutPostAction } from '../../src/slack/ids.js';
import { blockKitViolations } from '../../testkit/block-kit-rules.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { blockAction } from '../../testkit/payloads.js';
import { eventually, type Harness, startHarness } from '../../testkit/harness.js';
import { channel, clickButton, runCommand } from '../helpers/seeded-channel.js';
import { voteOf } from '../helpers/votes.js';

describe('/poc readout', () => {
  let h: Harness;
  beforeEach(async () => {
    // Wednesday Dec 9, 10:00 in New York: after the end date (Dec 4) and the planned readout (Dec 7).
    h = await startHarness({ now: '2026-12-09T15:00:00Z' });
    h.fake.addUser({ id: people.evaluator, real_name: 'Eve Valuator', team_id: 'T0ACME' });
    h.fake.addUser({ id: people.se, real_name: 'Sam Engineer' });
  });
  afterEach(async () => {
    await h.stop();
  });

  const run = (text: string, user: string = people.se) => runCommand(h, text, user);
  const click = (value: string, user: string = people.se, where = channel) =>
    clickButton(h, readoutPostAction, value, user, where);
  const responses = () => h.fake.responses.map((r) => JSON.stringify(r.body));

  async function seedMixed(): Promise<{ poc: Poc; criteria: Criterion[] }> {
    const seeded = await seedPoc(h.bot.store);
    const { store } = h.bot;
    const [c1, c2, c3, c4] = seeded.criteria as [Criterion, Criterion, Criterion, Criterion, Criterion];
    const vote = async (
      c: Criterion,
      userId: string,
      role: 'lead' | 'vendor',
      result: 'pass' | 'fail' | 'partial',
      reaction: string,
      votedAt: string,
    ) => store.criteria.applyVote({ ...voteOf(c.id, userId, role, result, votedAt), reaction }, false);
    await vote(c1, people.evaluator, 'lead', 'pass', 'white_check_mark', '2026-11-25T16:00:00.000Z');
    await vote(c2, people.evaluator, 'lead', 'fail', 'x', '2026-11-26T17:30:00.000Z');
    await vote(c3, people.se, 'vendor', 'partial', 'large_yellow_circle', '2026-11-27T14:00:00.000Z');
    await vote(c4, people.evaluator, 'lead', 'pass', 'heavy_check_mark', '2026-12-01T15:00:00.000Z');
    await store.criteria.addEvidence({
      criterionId: c1.id,
      userId: people.evaluator,
      text: 'Loaded 10M rows in 11 minutes, see run log',
      messageTs: '1764086400.000200',
      permalink: 'https://vendor.slack.test/archives/C0ACME/p1764086400000200',
      postedAt: '2026-11-25T16:00:00.000Z',
    });
    // Stored without a link: the readout asks Slack for one.
    await store.criteria.addEvidence({
      criterionId: c2.id,
      userId: people.se,
      text: 'p95 was 3.4 s with 50 users',
      messageTs: '1764174600.000300',
      permalink: null,
      postedAt: '2026-11-26T16:30:00.000Z',
    });
    await store.issues.open({
      pocId: seeded.poc.id,
      text: 'Export times out over 1 GB',
      severity: 'blocker',
      openedBy: people.se,
      openedAt: '2026-11-24T15:00:00.000Z',
    });
    const req = await store.scopeRequests.insert({
      pocId: seeded.poc.id,
      text: 'Salesforce connector',
      requestedBy: people.evaluator,
      requestedAt: '2026-11-25T15:00:00.000Z',
    });
    await store.scopeRequests.decide(req.id, {
      decision: 'deferred',
      decidedBy: people.se,
      decidedAt: '2026-11-25T16:00:00.000Z',
    });
    return seeded;
  }

  it('previews to the SE only, then posts every criterion, the verdict and evidence links, with the same facts in a Markdown file', async () => {
    const { poc } = await seedMixed();
    expect(JSON.stringify((await run('metric 1.5 March close with 2 analysts')).json)).toContain('measured 1.5 days');

    await run('readout');
    const preview = await eventually(() => responses().find((r) => r.includes(readoutPostAction)));
    expect(preview).toContain('"response_type":"ephemeral"');
    expect(preview).toContain('Verdict: FAIL');
    expect(h.fake.channelMessages(channel)).toHaveLength(0);

    await click(String(poc.id));
    await eventually(() => responses().some((r) => r.includes('Readout posted')));
    const posted = h.fake.channelMessages(channel);
    expect(posted.length).toBeGreaterThanOrEqual(1);
    const all = JSON.stringify(posted.map((m) => m.blocks));
    for (const statement of [
      'Ingest 10 million rows from Snowflake in under 15 minutes',
      'Dashboards load in under 2 seconds at p95 for 50 concurrent users',
      'SSO through Okta works for 100% of the 20 pilot users',
      'Month-end report built in 1 day by 2 analysts',
      'Row-level security hides 100% of restricted rows in 5 test cases',
    ]) {
      expect(all).toContain(statement);
    }
    expect(all).toContain('*#1 PASS*');
    expect(all).toContain('*#2 FAIL*');
    // The SE's call on #3 awaits the customer: shown as such, and listed under the verdict.
    expect(all).toContain('*#3 AWAITING CUSTOMER CONFIRMATION*');
    expect(all).toContain(
      '*Awaiting customer confirmation* (not counted):\\n• #3 SSO through Okta works for 100% of the 20 pilot users: vendor call PARTIAL by <@U0SE>',
    );
    expect(all).toContain('*#5 NOT TESTED*');
    expect(all).toContain('Verdict: FAIL');
    expect(all).toContain('<https://vendor.slack.test/archives/C0ACME/p1764086400000200|evidence 1>');
    expect(all).toContain('<https://vendor.slack.test/archives/C0ACME/p1764174600000300|evidence 1>');
    expect(all).toContain('Called by <@W0EVAL> (lead evaluator), 2026-11-26 12:30');
    expect(all).toContain('measured 1.5 days (target not met');
    expect(all).toContain('Export times out over 1 GB');
    expect(all).toContain('Deferred to a later phase: Salesforce connector');
    expect(all).toContain('Order form for 200 seats, signed by Dec 18');

    const file = await eventually(() => h.fake.files.find((f) => f.channel === channel));
    expect(file.filename).toBe('readout-acme-analytics-pov-2026-12-09.md');
    expect(file.content).toContain('**FAIL** — Failed: #2.');
    expect(file.content).toContain('### #1 PASS — Ingest 10 million rows from Snowflake in under 15 minutes');
    expect(file.content).toContain(
      '### #5 NOT TESTED — Row-level security hides 100% of restricted rows in 5 test cases',
    );
    expect(file.content).toContain(
      '(https://vendor.slack.test/archives/C0ACME/p1764086400000200), Eve Valuator (@W0EVAL)',
    );
    expect(file.content).toContain('measured 1.5 days (target not met');
    expect(file.content).toContain('- Note on the measurement: March close with 2 analysts');
    expect(file.content).toContain('- #1 Export times out over 1 GB');
    expect(file.content).toContain('Deferred to a later phase: Salesforce connector');
    expect(file.content).toContain('- Readout: planned 2026-12-07, actual 2026-12-09 (2 days later than planned)');
    expect(file.content).toContain('Order form for 200 seats, signed by Dec 18');

    // Posted: the POC is in readout, and it is on record when (the drift nudge then asks for the outcome).
    expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({
      stage: 'readout',
      readoutPostedAt: h.clock.now().toISOString(),
    });
  });

  it('evidence with <!channel> and a disguised link: the readout, in Slack and in the Markdown file, pings nobody and hides no address', async () => {
    const { poc, criteria } = await seedMixed();
    // As Slack delivers the reply: mentions and a link whose label is another address.
    const text =
      'Run 42 passed, cc <!channel> <!here> <!subteam^S0PLAT|@platform> <@U0SE>. Proof: <https://evil.example/steal|https://grafana.acme.example/d/run-42>';
    const reply = {
      type: 'message',
      channel,
      user: people.evaluator,
      text,
      ts: '1764259200.000500',
      thread_ts: (criteria[0] as Criterion).messageTs,
      event_ts: '1764259200.000500',
      channel_type: 'channel',
    };
    expect((await h.slack.event(reply)).status).toBe(200);
    await eventually(
      async () =>
        (await h.bot.store.criteria.evidenceFor([(criteria[0] as Criterion).id])).some((e) => e.text === text) ||
        undefined,
    );

    await run('readout');
    await eventually(() => responses().find((r) => r.includes(readoutPostAction)));
    await click(String(poc.id));
    await eventually(() => responses().some((r) => r.includes('Readout posted')));
    const posted = JSON.stringify(h.fake.channelMessages(channel).map((m) => [m.text, m.blocks]));
    for (const live of ['<!channel>', '<!here>', '<!everyone>', '<!subteam', '|https://grafana'])
      expect(posted).not.toContain(live);
    const line = posted.split('\\n').find((l) => l.includes('Run 42 passed')) ?? '';
    expect(line).toContain(
      'cc @channel @here @platform @U0SE. Proof: https://grafana.acme.example/d/run-42 (<https://evil.example/steal>)',
    );
    expect(line).not.toContain('<@U0SE>');

    const file = await eventually(() => h.fake.files.find((f) => f.channel === channel));
    expect(file.content).toContain(
      'Run 42 passed, cc @channel @here @platform Sam Engineer (@U0SE). Proof: https://grafana.acme.example/d/run-42 (https://evil.example/steal)',
    );
    expect(file.content).not.toMatch(/<!(channel|here|everyone|subteam)/);
  });

  it('posts the readout even when the click’s response_url takes no reply (one WARN per reply, no error)', async () => {
    const { poc } = await seedMixed();
    const gone = h.fake.responseUrl('gone').replace('/response/', '/expired/');
    const res = await h.slack.interaction(
      blockAction({
        user: people.se,
        teamId: h.fake.teamId,
        actionId: readoutPostAction,
        value: String(poc.id),
        channel,
        triggerId: h.fake.issueTrigger(),
        responseUrl: gone,
      }),
    );
    expect(res.status).toBe(200);
    await eventually(() => h.fake.files.find((f) => f.channel === channel));
    expect(JSON.stringify(h.fake.channelMessages(channel).map((m) => m.blocks))).toContain('Verdict: FAIL');
    const warned = () => h.logs.filter((l) => /WARN .*the reply could not be delivered through response_url/.test(l));
    await eventually(() => warned().length === 2); // "Posting the readout…" and "Readout posted …"
    expect(h.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
    expect((await h.bot.store.pocs.byId(poc.id))?.stage).toBe('readout');
  });

  it('splits a POC with 40 criteria into messages the fake Slack accepts', async () => {
    const { poc, criteria } = await seedPoc(h.bot.store, {}, 40);
    for (const c of criteria) {
      for (let n = 1; n <= 2; n++) {
        await h.bot.store.criteria.addEvidence({
          criterionId: c.id,
          userId: people.evaluator,
          text: `Run ${n} for #${c.position}: ${'measured and logged in the shared sheet; '.repeat(12)}`,
          messageTs: `1764${String(c.position).padStart(3, '0')}${n}00.000100`,
          permalink: `https://vendor.slack.test/archives/C0ACME/p${c.position}${n}`,
          postedAt: '2026-11-25T16:00:00.000Z',
        });
      }
    }
    await run('readout');
    await eventually(() => responses().find((r) => r.includes(readoutPostAction)));
    await click(String(poc.id));
    await eventually(() => responses().some((r) => r.includes('Readout posted')), 10_000);
    const calls = h.fake.callsTo('chat.postMessage');
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((c) => c.ok)).toBe(true);
    const posted = h.fake.channelMessages(channel);
    expect(posted).toHaveLength(calls.length);
    for (const m of posted) {
      expect(m.blocks?.length ?? 0).toBeLessThanOrEqual(50);
      expect(blockKitViolations(m.blocks ?? [], 'message')).toEqual([]);
    }
    const all = JSON.stringify(posted.map((m) => m.blocks));
    for (let p = 1; p <= 40; p++) expect(all).toContain(`*#${p} NOT TESTED*`);
    expect(h.fake.files).toHaveLength(1);
  });

  it('refuses a preview and a post from anyone but the SE or AE, and a click from another channel', async () => {
    const { poc } = await seedMixed();
    await run('readout', people.bystander);
    await eventually(() => responses().some((r) => r.includes('Only the SE')));
    expect(responses().some((r) => r.includes(readoutPostAction))).toBe(false);

    await click(String(poc.id), people.bystander);
    await eventually(() => responses().filter((r) => r.includes('Only the SE')).length === 2);
    await click(String(poc.id), people.se, 'C0OTHER');
    await eventually(() => responses().some((r) => r.includes('no open POC')));
    expect(h.fake.channelMessages(channel)).toHaveLength(0);
    expect(h.fake.files).toHaveLength(0);
    expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({ stage: 'active', readoutPostedAt: null });

    // The AE may.
    await click(String(poc.id), people.ae);
    await eventually(() => h.fake.files.length === 1);
  });

  it('refuses a metric that is not a number, or from a bystander, and changes nothing', async () => {
    const { poc } = await seedPoc(h.bot.store);
    expect(JSON.stringify((await run('metric fast')).json)).toContain('Usage: `/poc metric');
    expect(JSON.stringify((await run('metric 2', people.bystander)).json)).toContain('Only the SE');
    expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({ metricMeasured: null, metricNote: null });
    await run('metric 0,8');
    expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({ metricMeasured: 0.8, metricNote: null });
  });
});
