// Many workspaces through OAuth: two teams install the app through /slack/install and
// /slack/oauth_redirect against the Slack-compatible API, each runs a POC, and every call
// carries the token of its own workspace (the fake refuses another workspace's token on a
// channel it cannot see, so a mix-up fails the post and shows here).
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTick } from '../../src/tick-command.js';
import { createPocbot } from '../../src/app.js';
import type { Poc } from '../../src/domain/poc.js';
import { createLogger } from '../../src/logger.js';
import {
  eventually,
  type Harness,
  installThroughOAuth,
  requestsFrom,
  onPostgres,
  startHarness,
} from '../../testkit/harness.js';
import { seedPoc } from '../../testkit/fixtures.js';
import { virtualPacer } from '../../testkit/pacer.js';
import { inWorkspace } from '../../src/workspace-scope.js';
import { postgresAppDatabase } from '../../src/store/app-database.js';
import { openPostgres } from '../../src/store/pg/db.js';
import { pgUrlFor } from '../../testkit/postgres.js';

/** On PostgreSQL, the harness's database opened again (as a second process would open it). */
async function samePostgres(h: Harness) {
  const [row] = await h.bot.database.query<{ name: string }>('select current_database() as name');
  return postgresAppDatabase(await openPostgres(pgUrlFor(row?.name as string), { maxConnections: 2 }));
}

// A seeded POC's standup is due at 09:30 New York (14:30 UTC) on a business day.
const standupTick = (day: string) => new Date(`${day}T14:31:00Z`);

const teams = {
  a: {
    teamId: 'T0ALPHA',
    channel: 'C0ALPHA',
    se: 'U0SEALPHA',
    ae: 'U0AEALPHA',
    evaluator: 'W0EVALPHA',
    name: 'Alpha PoV',
  },
  b: { teamId: 'T0BETA', channel: 'C0BETA', se: 'U0SEBETA', ae: 'U0AEBETA', evaluator: 'W0EVBETA', name: 'Beta PoV' },
} as const;

describe('many workspaces through OAuth', () => {
  let h: Harness;
  const pocs: Record<'a' | 'b', Poc> = {} as Record<'a' | 'b', Poc>;

  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z', oauth: true, dispatcher: { pacer: virtualPacer() } });
    for (const key of ['a', 'b'] as const) {
      const t = teams[key];
      h.fake.addTeam({ teamId: t.teamId });
      h.fake.addChannel({ id: t.channel, teamId: t.teamId });
      for (const user of [t.se, t.ae, t.evaluator])
        h.fake.addUser({ id: user, team_id: t.teamId, tz: 'America/New_York' });
      pocs[key] = (
        await seedPoc(h.bot.store, {
          teamId: t.teamId,
          channelId: t.channel,
          name: t.name,
          seId: t.se,
          aeId: t.ae,
          evaluatorId: t.evaluator,
        })
      ).poc;
    }
  });
  afterEach(async () => {
    await h.stop();
  });

  const standupsIn = (channel: string) =>
    h.fake.channelMessages(channel).filter((m) => /standup/i.test(String(m.metadata?.event_payload.key ?? '')));
  const postsTo = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

  async function status(from: 'a' | 'b', channel: string): Promise<string> {
    const id = randomUUID();
    const t = teams[from];
    const res = await requestsFrom(h, t.teamId).command({
      text: 'status',
      userId: t.se,
      channelId: channel,
      responseUrl: h.fake.responseUrl(id),
    });
    expect(res.status).toBe(200);
    if (res.json !== null && typeof res.json === 'object') return JSON.stringify(res.json);
    return JSON.stringify((await eventually(() => h.fake.responses.find((r) => r.id === id))).body);
  }

  it('installs two workspaces through the OAuth flow; each POC posts with its own token; /poc status never shows the other', async () => {
    for (const key of ['a', 'b'] as const) {
      const done = await installThroughOAuth(h, teams[key].teamId);
      expect(done.status).toBe(200);
    }
    // Stored encrypted, one per workspace, each with the token Slack issued it.
    const tokenOf = (teamId: string) => h.fake.teams.get(teamId)?.tokens.at(-1) as string;
    expect((await h.bot.installations?.find({ teamId: teams.a.teamId }))?.botToken).toBe(tokenOf(teams.a.teamId));
    expect((await h.bot.installations?.find({ teamId: teams.b.teamId }))?.botToken).toBe(tokenOf(teams.b.teamId));
    expect(tokenOf(teams.a.teamId)).not.toBe(tokenOf(teams.b.teamId));
    const raw = await h.bot.database.query<{ bot_token: string; installation: string }>(
      'select bot_token, installation from installations',
    );
    expect(raw).toHaveLength(2);
    for (const row of raw) expect(`${row.bot_token}${row.installation}`).not.toContain('xoxb-');

    h.clock.set(standupTick('2026-11-24'));
    const report = await h.bot.jobs.tick(standupTick('2026-11-24'));
    expect(report.summary.jobsFailed).toBe(0);
    for (const key of ['a', 'b'] as const) {
      const t = teams[key];
      expect(standupsIn(t.channel)).toHaveLength(1);
      // Every post into the channel carried its own workspace's token, none failed.
      const calls = postsTo(t.channel);
      expect(calls.length).toBeGreaterThan(0);
      for (const c of calls)
        expect({ team: c.team, token: c.token, ok: c.ok }).toEqual({
          team: t.teamId,
          token: tokenOf(t.teamId),
          ok: true,
        });
      // And the outbox rows say whose they are.
      expect((await h.bot.store.outbox.list({ pocId: pocs[key].id })).every((r) => r.teamId === t.teamId)).toBe(true);
    }

    // A command is answered from its own workspace's POCs only.
    const inA = await status('a', teams.a.channel);
    expect(inA).toContain(teams.a.name);
    expect(inA).not.toContain(teams.b.name);
    // Workspace A asking about B's channel id finds no POC there (it is B's, not A's).
    const aAboutB = await status('a', teams.b.channel);
    expect(aAboutB).not.toContain(teams.b.name);
    expect(aAboutB).toContain('There is no POC in this channel yet');
    expect(await status('b', teams.b.channel)).toContain(teams.b.name);
  });

  it('a post with the wrong workspace’s token fails in the fake, so a mix-up cannot pass unseen', async () => {
    await installThroughOAuth(h, teams.a.teamId);
    await installThroughOAuth(h, teams.b.teamId);
    await expect(
      h.bot.ports.of({ teamId: teams.a.teamId }).postMessage(teams.b.channel, { text: 'hello' }),
    ).rejects.toMatchObject({ code: 'channel_not_found' });
    await expect(
      h.bot.ports.of({ teamId: teams.b.teamId }).postMessage(teams.b.channel, { text: 'hello' }),
    ).resolves.toMatchObject({ channel: teams.b.channel });
  });

  it('refuses an OAuth redirect without the state cookie: nothing is installed', async () => {
    const done = await installThroughOAuth(h, teams.a.teamId, { cookie: false });
    expect(done.status).toBeGreaterThanOrEqual(400);
    expect(await h.bot.installations?.find({ teamId: teams.a.teamId })).toBeUndefined();
  });

  it('app_uninstalled stops only that workspace’s posts and deletes its tokens; the other goes on; a reinstall resumes it', async () => {
    await installThroughOAuth(h, teams.a.teamId);
    await installThroughOAuth(h, teams.b.teamId);

    expect((await requestsFrom(h, teams.a.teamId).event({ type: 'app_uninstalled' })).status).toBe(200);
    await eventually(async () => (await h.bot.services.lifecycle.state({ teamId: teams.a.teamId })) === 'uninstalled');
    h.fake.revokeTokens(teams.a.teamId);
    expect(await h.bot.installations?.find({ teamId: teams.a.teamId })).toBeUndefined();
    expect(await h.bot.installations?.find({ teamId: teams.b.teamId })).toBeDefined();
    expect((await h.bot.store.pocs.byId(pocs.a.id))?.jobsHaltedReason).toBe(
      'the app was uninstalled from this workspace',
    );
    expect((await h.bot.store.pocs.byId(pocs.b.id))?.jobsHaltedReason).toBeNull();

    h.clock.set(standupTick('2026-11-24'));
    await h.bot.jobs.tick(standupTick('2026-11-24'));
    expect(standupsIn(teams.a.channel)).toEqual([]);
    expect(standupsIn(teams.b.channel)).toHaveLength(1);
    // No call went out with A's (dead) token, nor any call at all into A's channel.
    expect(postsTo(teams.a.channel)).toEqual([]);
    // A's POC is all still there.
    expect(await h.bot.store.pocs.byId(pocs.a.id)).toMatchObject({ name: teams.a.name, closedAt: null });

    // A installs again: its jobs resume, with its new token.
    expect((await installThroughOAuth(h, teams.a.teamId)).status).toBe(200);
    expect(await h.bot.services.lifecycle.state({ teamId: teams.a.teamId })).toBe('installed');
    expect((await h.bot.store.pocs.byId(pocs.a.id))?.jobsHaltedReason).toBeNull();
    h.clock.set(standupTick('2026-11-25'));
    await h.bot.jobs.tick(standupTick('2026-11-25'));
    expect(standupsIn(teams.a.channel)).toHaveLength(1);
    const fresh = h.fake.teams.get(teams.a.teamId)?.tokens.at(-1);
    for (const c of postsTo(teams.a.channel)) expect({ token: c.token, ok: c.ok }).toEqual({ token: fresh, ok: true });
    expect(standupsIn(teams.b.channel)).toHaveLength(2);
  });

  it('a 429 for one workspace holds only its posts; the other workspace’s go out in the same tick', async () => {
    await installThroughOAuth(h, teams.a.teamId);
    await installThroughOAuth(h, teams.b.teamId);
    // The first post of the tick (A's standup, planned first) is rate limited.
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    h.clock.set(standupTick('2026-11-24'));
    const report = await h.bot.jobs.tick(standupTick('2026-11-24'));
    expect(report.summary.jobsFailed).toBe(0);
    const limited = h.fake.callsTo('chat.postMessage').find((c) => c.error === 'ratelimited');
    expect(limited?.team).toBeDefined();
    expect(report.lines.filter((l) => l.startsWith('rate limited'))).toHaveLength(1);
    const other = limited?.team === teams.a.teamId ? teams.b : teams.a;
    const held = limited?.team === teams.a.teamId ? teams.a : teams.b;
    expect(standupsIn(other.channel)).toHaveLength(1);
    expect(standupsIn(held.channel)).toEqual([]);
    // After Retry-After, the held workspace's post goes.
    const later = new Date(standupTick('2026-11-24').getTime() + 31_000);
    h.clock.set(later);
    await h.bot.jobs.tick(later);
    expect(standupsIn(held.channel)).toHaveLength(1);
  });

  it('an Enterprise Grid org-wide install serves every team of the org, found by its enterprise id', async () => {
    h.fake.addTeam({ teamId: 'T0GRIDHQ', enterpriseId: 'E0GRID', orgWide: true });
    h.fake.addChannel({ id: 'C0GRID', teamId: 'T0GRIDHQ' });
    expect((await installThroughOAuth(h, 'T0GRIDHQ')).status).toBe(200);
    // Stored once, for the org, with no team.
    expect(await h.bot.installations?.find({ enterpriseId: 'E0GRID', isEnterpriseInstall: true })).toMatchObject({
      isEnterpriseInstall: true,
      teamId: undefined,
      enterpriseId: 'E0GRID',
    });
    // A POC of another team of the org posts with the org's token.
    const grid = (
      await seedPoc(h.bot.store, {
        teamId: 'T0GRIDSALES',
        enterpriseId: 'E0GRID',
        channelId: 'C0GRID',
        name: 'Grid PoV',
      })
    ).poc;
    expect(await h.bot.store.outbox.list({ pocId: grid.id })).toEqual([]);
    h.clock.set(standupTick('2026-11-24'));
    await h.bot.jobs.tick(standupTick('2026-11-24'));
    expect(standupsIn('C0GRID')).toHaveLength(1);
    const orgToken = h.fake.teams.get('T0GRIDHQ')?.tokens.at(-1);
    for (const c of postsTo('C0GRID')) expect({ token: c.token, ok: c.ok }).toEqual({ token: orgToken, ok: true });
    expect(
      (await h.bot.store.outbox.list({ pocId: grid.id })).every(
        (r) => r.teamId === 'T0GRIDSALES' && r.enterpriseId === 'E0GRID',
      ),
    ).toBe(true);
    // A team outside the org has no install: nothing is sent with the org's token for it.
    await expect(h.bot.ports.of({ teamId: 'T0ELSEWHERE' }).postMessage('C0GRID', { text: 'hi' })).rejects.toMatchObject(
      { code: 'not_installed' },
    );

    // The org uninstalls: its install goes, every POC of the org stops; other workspaces are untouched.
    const requests = requestsFrom(h, 'T0GRIDHQ');
    const { body } = requests.eventBody({ type: 'app_uninstalled' });
    const orgEvent = JSON.parse(body) as Record<string, unknown>;
    Object.assign(orgEvent, {
      enterprise_id: 'E0GRID',
      is_enterprise_install: true,
      authorizations: [
        { enterprise_id: 'E0GRID', team_id: null, user_id: 'U0BOTGRIDHQ', is_bot: true, is_enterprise_install: true },
      ],
    });
    expect((await requests.send(JSON.stringify(orgEvent), 'application/json')).status).toBe(200);
    await eventually(
      async () =>
        (await h.bot.store.pocs.byId(grid.id))?.jobsHaltedReason === 'the app was uninstalled from this workspace',
    );
    expect(await h.bot.installations?.find({ enterpriseId: 'E0GRID', isEnterpriseInstall: true })).toBeUndefined();
    expect((await h.bot.store.pocs.byId(pocs.a.id))?.jobsHaltedReason).toBeNull();
    // Installed again org-wide: the org's POCs resume.
    expect((await installThroughOAuth(h, 'T0GRIDHQ')).status).toBe(200);
    expect((await h.bot.store.pocs.byId(grid.id))?.jobsHaltedReason).toBeNull();
  });

  it('caches each person’s profile per workspace: one workspace never reads what another’s token was told', async () => {
    await installThroughOAuth(h, teams.a.teamId);
    await installThroughOAuth(h, teams.b.teamId);
    expect(await inWorkspace({ teamId: teams.a.teamId }, () => h.bot.services.people.zone(teams.a.se))).toBe(
      'America/New_York',
    );
    // B's bot cannot see A's user (the fake answers user_not_found to B's token): A's cached answer is not B's.
    expect(await inWorkspace({ teamId: teams.b.teamId }, () => h.bot.services.people.zone(teams.a.se))).toBeUndefined();
    const rows = await h.bot.database.query(
      `select team_id, tz from slack_profiles where user_id = ${h.bot.database.dialect === 'postgres' ? '$1' : '?'} order by team_id`,
      [teams.a.se],
    );
    expect(rows).toEqual([
      { team_id: teams.a.teamId, tz: 'America/New_York' },
      { team_id: teams.b.teamId, tz: null },
    ]);
    expect(h.fake.callsTo('users.info').map((c) => c.team)).toEqual([teams.a.teamId, teams.b.teamId]);
  });

  it('refuses to start under another TOKEN_ENCRYPTION_KEY than the installs were stored under, saying so', async () => {
    await installThroughOAuth(h, teams.a.teamId);
    const config = h.bot.config;
    // The same database as the first app: on PostgreSQL a pool of its own on the harness's database.
    const database = onPostgres ? await samePostgres(h) : undefined;
    const other = createPocbot({
      config: {
        ...config,
        port: 0,
        oauth: { ...(config.oauth as NonNullable<typeof config.oauth>), tokenKey: randomBytes(32) },
      },
      clock: h.clock,
      logger: createLogger('error', { write: () => undefined }),
      database,
    });
    await expect(other.start()).rejects.toThrow(/TOKEN_ENCRYPTION_KEY is not the key it was encrypted with/);
    // `npm run tick` under that key refuses too, in one line, and sends nothing.
    const out: string[] = [];
    const calls = h.fake.calls.length;
    expect(await runTick(other, { now: h.clock.now(), dryRun: false }, (l) => out.push(l))).toBe(1);
    expect(out).toEqual([
      expect.stringMatching(/^tick refused: .*TOKEN_ENCRYPTION_KEY is not the key it was encrypted with/),
    ]);
    expect(h.fake.calls.length).toBe(calls);
    await other.stop();
  });
});
