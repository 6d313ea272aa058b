// Workspace scoping and secrets: a request from another workspace that names the same channel id
// as one of our POCs neither sees nor changes it; tokens never reach a log line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { SlackCallError } from '../../src/services/ports.js';
import { SlackGateway } from '../../src/slack/gateway.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { eventually, type Harness, startHarness, testBotToken } from '../../testkit/harness.js';
import { blockAction, messageEvent, reactionEvent } from '../../testkit/payloads.js';
import { checkpointOnTrackAction } from '../../src/slack/ids.js';

const otherTeam = 'T0INTRUDER';
const settle = (ms = 250) => new Promise((r) => setTimeout(r, ms));

describe('team_id scoping', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    for (const id of Object.values(people)) h.fake.addUser({ id, team_id: h.fake.teamId });
  });
  afterEach(async () => {
    await h.stop();
  });

  /** Everything the app said back to a command: the ack body and any response_url posts. */
  async function replyTo(text: string, teamId: string): Promise<string> {
    const responsesBefore = h.fake.responses.length;
    const res = await h.slack.command({ text, userId: people.se, channelId: 'C0ACME', teamId });
    expect(res.status).toBe(200);
    await settle();
    return [res.text, ...h.fake.responses.slice(responsesBefore).map((r) => JSON.stringify(r.body))].join('\n');
  }

  it('/poc status from another workspace does not show the POC that shares the channel id', async () => {
    const { poc } = await seedPoc(h.bot.store);
    // Control: the POC's own workspace sees it, so the assertion below can fail.
    expect(await replyTo('status', poc.teamId)).toContain(poc.name);
    const foreign = await replyTo('status', otherTeam);
    expect(foreign).not.toContain(poc.name);
    expect(foreign).not.toContain('Snowflake');
    expect(foreign).toMatch(/no (open )?POC/i);
  });

  it('commands that change a POC, sent from another workspace by a user id equal to its SE, change nothing', async () => {
    const { poc } = await seedPoc(h.bot.store);
    const tables = ['poc_issues', 'scope_requests', 'extensions', 'poc_decisions', 'poc_changes', 'outbox'];
    const counts = async () => {
      const entries: Array<[string, number | undefined]> = [];
      for (const t of tables)
        entries.push([t, (await h.bot.database.query<{ n: number }>(`select count(*) as n from ${t}`))[0]?.n]);
      return Object.fromEntries(entries);
    };
    const before = await counts();
    const messagesBefore = h.fake.messages.length;

    for (const text of [
      'close lost budget moved',
      'extend 2026-12-11 criterion 3 needs the Okta sandbox',
      'issue blocker the ingest job fails at 2 million rows',
      'scope add an on-prem installer',
      'metric 1.5 measured on the December close',
      'decision go with the 200-seat order form',
      'readout',
    ]) {
      const reply = await replyTo(text, otherTeam);
      expect(reply, text).not.toContain(poc.name);
    }

    const after = await h.bot.store.pocs.get(poc.teamId, poc.id);
    expect(after).toEqual(poc);
    expect(await counts()).toEqual(before);
    expect(h.fake.messages.slice(messagesBefore).filter((m) => m.channel === poc.channelId)).toEqual([]);
  });

  it('the store answers for a channel only inside its own workspace', async () => {
    const { poc } = await seedPoc(h.bot.store);
    expect((await h.bot.store.pocs.openInChannel(poc.teamId, poc.channelId))?.id).toBe(poc.id);
    expect(await h.bot.store.pocs.openInChannel(otherTeam, poc.channelId)).toBeUndefined();
    expect(await h.bot.store.pocs.get(otherTeam, poc.id)).toBeUndefined();
    expect(await h.bot.store.pocs.listForUser(otherTeam, people.se)).toEqual([]);
  });

  it('a standup reply or a checkpoint click from another workspace records nothing', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await h.bot.jobs.tick(new Date('2026-11-27T14:30:00Z')); // Friday: the standup and the checkpoint
    const posted = (prefix: string) =>
      h.fake.channelMessages(poc.channelId).find((m) => String(m.metadata?.event_payload.key).startsWith(prefix));
    const standup = posted('standup:');
    const checkpoint = posted('checkpoint:');
    if (!standup || !checkpoint) throw new Error('the tick posted no standup or checkpoint');
    const answers = async () => [
      ...(await h.bot.store.answers.forPoc(poc.id, 'standup')),
      ...(await h.bot.store.answers.forPoc(poc.id, 'checkpoint')),
    ];
    const reply = (teamId: string, ts: string) =>
      h.slack.event(
        messageEvent({ user: people.evaluator, channel: poc.channelId, text: 'Done: SSO', ts, threadTs: standup.ts }),
        { teamId },
      );
    const click = (teamId: string) =>
      h.slack.interaction(
        blockAction({
          user: people.evaluator,
          teamId,
          actionId: checkpointOnTrackAction,
          channel: poc.channelId,
          messageTs: checkpoint.ts,
          triggerId: h.fake.issueTrigger(),
        }),
      );

    await reply(otherTeam, '1764259000.000100');
    await click(otherTeam);
    await settle(400);
    expect(await answers()).toEqual([]);
    expect(checkpoint.edits).toHaveLength(0);

    // Control: the same from the POC's own workspace is recorded.
    await reply(poc.teamId, '1764259000.000200');
    await click(poc.teamId);
    await eventually(async () => (await answers()).length === 2);
  });

  it('a reaction or thread reply from another workspace on a criterion message records nothing', async () => {
    const { poc, criteria } = await seedPoc(h.bot.store);
    const first = criteria[0];
    if (!first?.messageTs) throw new Error('seedPoc made no posted criteria');
    const votes = async () => h.bot.store.criteria.votesFor([first.id]);
    const evidence = async () => h.bot.store.criteria.evidenceFor([first.id]);

    await h.slack.event(
      reactionEvent('reaction_added', {
        user: people.evaluator,
        reaction: 'white_check_mark',
        channel: poc.channelId,
        ts: first.messageTs,
      }),
      { teamId: otherTeam },
    );
    await h.slack.event(
      messageEvent({
        user: people.evaluator,
        channel: poc.channelId,
        text: 'Ingested 10M rows in 11 minutes, screenshot attached',
        ts: '1763912000.000100',
        threadTs: first.messageTs,
      }),
      { teamId: otherTeam },
    );
    await settle(400);
    expect(await votes()).toEqual([]);
    expect(await evidence()).toEqual([]);

    // Control: the same reaction from the POC's own workspace is recorded.
    await h.slack.event(
      reactionEvent('reaction_added', {
        user: people.evaluator,
        reaction: 'white_check_mark',
        channel: poc.channelId,
        ts: first.messageTs,
      }),
    );
    await eventually(async () => (await votes()).length === 1);
  });
});

describe('tokens never appear in logs', () => {
  const leaked = 'xoxb-9999-8888-leakedtokenvalue';

  it('a Web API error whose message carries a token is logged redacted', async () => {
    const h = await startHarness({ config: { logLevel: 'debug' } });
    try {
      const lines: string[] = [];
      const logger = createLogger('debug', { write: (l) => lines.push(l) });
      const gateway = new SlackGateway({ token: testBotToken, slackApiUrl: h.fake.apiUrl, logger });
      h.fake.addChannel({ id: 'C0ACME' });
      h.fake.failNext('chat.postMessage', { error: `invalid_auth (token ${leaked} was revoked)` });
      const err = await gateway.postMessage('C0ACME', { text: 'hello' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SlackCallError);
      expect(String((err as Error).message)).toContain(leaked); // the error itself carries it…
      logger.error('posting failed:', err);
      logger.warn(`posting failed: ${(err as Error).message}`, { token: leaked, nested: { auth: `Bearer ${leaked}` } });
      const all = lines.join('\n');
      expect(all).toContain('posting failed');
      expect(all).not.toContain(leaked); // …the log line does not
      expect(all).not.toContain(testBotToken);
      expect(all).toContain('[redacted-token]');
    } finally {
      await h.stop();
    }
  });

  it('the tick report (what `npm run tick` prints) carries a Slack error redacted too', async () => {
    const h = await startHarness({ now: '2026-11-23T14:30:00Z' });
    try {
      const { poc } = await seedPoc(h.bot.store);
      h.fake.failNext('chat.postMessage', { error: `invalid_auth (token ${leaked} was revoked)` });
      const report = await h.bot.jobs.tick(h.clock.now());
      const line = report.lines.find((l) => l.startsWith(`FAILED standup:${poc.id}:`));
      expect(line).toContain('invalid_auth (token [redacted-token] was revoked)');
      expect(report.lines.join('\n')).not.toContain(leaked);
    } finally {
      await h.stop();
    }
  });

  it('the app’s own debug logs (Bolt and the Web API client) never carry the bot token', async () => {
    const h = await startHarness({ config: { logLevel: 'debug' } });
    try {
      for (const id of Object.values(people)) h.fake.addUser({ id, team_id: h.fake.teamId });
      const { poc } = await seedPoc(h.bot.store);
      await h.slack.command({ text: 'status', userId: people.se, channelId: poc.channelId });
      h.fake.failNext('chat.postMessage', { error: `not_authed ${leaked}` });
      await h.bot.slack.postMessage(poc.channelId, { text: 'hello' }).catch(() => undefined);
      await settle();
      expect(h.logs.length).toBeGreaterThan(3); // debug logging really happened
      const all = h.logs.join('\n');
      expect(all).not.toContain(testBotToken);
      expect(all).not.toContain(leaked);
    } finally {
      await h.stop();
    }
  });
});
