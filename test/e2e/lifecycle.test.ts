// The app's life in a workspace: uninstalled or its bot token revoked, the workspace's POCs stop
// posting and keep everything; installed again (the restart with a token that works), they
// resume. The bot's greeting when it joins a channel, once; the onboarding at the first App Home
// visit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { eventually, type Harness, startHarness } from '../../testkit/harness.js';
import { appHomeOpened } from '../../testkit/payloads.js';

const channel = 'C0ACME';
const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));
// The standup of a seeded POC is due at 09:30 New York (14:30 UTC) on a business day.
const standupTick = (day: string) => new Date(`${day}T14:31:00Z`);

describe('app_uninstalled and tokens_revoked', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  const standupsIn = (c: string) => h.fake.channelMessages(c).filter((m) => /standup/i.test(m.text));

  it('an uninstall stops the workspace’s posts and keeps its data; the restart with a working token resumes them', async () => {
    const { poc, criteria } = await seedPoc(h.bot.store);
    // A post already queued when the app is uninstalled.
    await h.bot.store.outbox.insert(
      [
        {
          key: `reminder:test:${poc.id}`,
          pocId: poc.id,
          kind: 'reminder_end',
          target: channel,
          message: { text: 'reminder' },
          dueAt: new Date('2026-11-24T14:30:00Z'),
        },
      ],
      h.clock.now(),
    );
    expect((await h.slack.event({ type: 'app_uninstalled' })).status).toBe(200);
    await eventually(async () => (await h.bot.services.lifecycle.state({ teamId: h.fake.teamId })) === 'uninstalled');
    expect((await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason).toBe('the app was uninstalled from this workspace');

    h.clock.set('2026-11-24T14:31:00Z');
    const report = await h.bot.jobs.tick(standupTick('2026-11-24'));
    expect(h.fake.channelMessages(channel)).toEqual([]);
    expect((await h.bot.store.outbox.byKey(`reminder:test:${poc.id}`))?.status).toBe('skipped');
    expect(report.summary.sent).toBe(0);
    // Nothing is deleted.
    expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({ name: poc.name, stage: poc.stage, closedAt: null });
    expect((await h.bot.store.criteria.listActive(poc.id)).map((c) => c.id)).toEqual(criteria.map((c) => c.id));

    // A reinstall, as the app sees it: the operator puts in the new token and restarts; auth.test
    // at start-up succeeds for the workspace.
    h.clock.set('2026-11-25T14:00:00Z');
    await h.restart();
    expect(await h.bot.services.lifecycle.state({ teamId: h.fake.teamId })).toBe('installed');
    expect((await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason).toBeNull();
    expect(
      h.logEntries.some(
        (e) => e.level === 'info' && e.team === h.fake.teamId && /installed again .* 1 POC\(s\) resume/.test(e.msg),
      ),
    ).toBe(true);
    await h.bot.jobs.tick(standupTick('2026-11-25'));
    await eventually(() => standupsIn(channel).length === 1);
  });

  it('the stop survives a restart while the workspace stays uninstalled', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await h.slack.event({ type: 'app_uninstalled' });
    await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason !== null);
    // Restart without a start-up auth of this team: e.g. `npm run tick` from cron, which never calls auth.test.
    await h.bot.stop();
    const { createPocbot } = await import('../../src/app.js');
    const tickOnly = createPocbot({ config: { ...h.bot.config, scheduler: 'off' }, clock: h.clock });
    try {
      const report = await tickOnly.jobs.tick(standupTick('2026-11-24'));
      expect(report.summary.planned).toBe(0);
      expect(h.fake.channelMessages(channel)).toEqual([]);
    } finally {
      await tickOnly.stop();
    }
    await h.restart();
  });

  it('tokens_revoked for the bot stops the jobs; revoked user tokens alone change nothing', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await h.slack.event({ type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] } });
    await settle();
    expect((await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason).toBeNull();
    expect(await h.bot.services.lifecycle.state({ teamId: h.fake.teamId })).toBe('installed');

    await h.slack.event({ type: 'tokens_revoked', tokens: { oauth: [], bot: [h.fake.botUserId] } });
    await eventually(
      async () =>
        (await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason ===
        "the app's bot token for this workspace was revoked",
    );
    expect(await h.bot.services.lifecycle.state({ teamId: h.fake.teamId })).toBe('tokens_revoked');
    await h.bot.jobs.tick(standupTick('2026-11-24'));
    expect(h.fake.channelMessages(channel)).toEqual([]);
  });

  it('a reinstall resumes only what the uninstall stopped: a POC halted for its archived channel stays halted', async () => {
    const archived = (await seedPoc(h.bot.store)).poc;
    const running = (await seedPoc(h.bot.store, { channelId: 'C0BETA', name: 'Beta PoV' })).poc;
    await h.slack.event({ type: 'channel_archive', channel });
    await eventually(async () => (await h.bot.store.pocs.byId(archived.id))?.jobsHaltedReason === 'channel archived');
    await h.slack.event({ type: 'app_uninstalled' });
    await eventually(async () => (await h.bot.store.pocs.byId(running.id))?.jobsHaltedReason !== null);
    expect((await h.bot.store.pocs.byId(archived.id))?.jobsHaltedReason).toBe('channel archived');
    await h.restart();
    expect((await h.bot.store.pocs.byId(running.id))?.jobsHaltedReason).toBeNull();
    expect((await h.bot.store.pocs.byId(archived.id))?.jobsHaltedReason).toBe('channel archived');
  });

  it('a Slack retry of the uninstall changes nothing more; the one warning names the team and the event', async () => {
    await seedPoc(h.bot.store);
    const first = await h.slack.event({ type: 'app_uninstalled' }, { eventId: 'EvUNINSTALL1' });
    const retry = await h.slack.event({ type: 'app_uninstalled' }, { eventId: 'EvUNINSTALL1', retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await settle();
    const stops = h.logEntries.filter((e) => /jobs of its \d+ open POC\(s\) stop/.test(e.msg));
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({
      level: 'warn',
      team: h.fake.teamId,
      kind: 'event:app_uninstalled',
      event_id: 'EvUNINSTALL1',
    });
  });
});

describe('the greeting when the bot joins a channel', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  const joined = (user: string, c = 'C0NEWPOC') => ({
    type: 'member_joined_channel',
    user,
    channel: c,
    channel_type: 'C',
    team: h.fake.teamId,
    inviter: people.se,
  });
  const greetings = (c = 'C0NEWPOC') => h.fake.channelMessages(c).filter((m) => m.text.includes('/poc new'));

  it('posts one short greeting saying how to start, once per channel: not again for a retry, a second join or after a restart', async () => {
    await h.slack.event(joined(h.fake.botUserId), { eventId: 'EvJOIN1' });
    await eventually(() => greetings().length === 1);
    const [greeting] = greetings();
    expect(greeting?.text).toContain("Hi, I'm pocbot");
    expect(greeting?.text).toContain('runs `/poc new` here');
    expect(greeting?.text.length).toBeLessThan(400);

    await h.slack.event(joined(h.fake.botUserId), { eventId: 'EvJOIN1', retryNum: 1, retryReason: 'http_timeout' });
    await h.slack.event(joined(h.fake.botUserId), { eventId: 'EvJOIN2' });
    await h.restart();
    await h.slack.event(joined(h.fake.botUserId), { eventId: 'EvJOIN3' });
    await settle();
    expect(greetings()).toHaveLength(1);
    expect((await h.bot.store.onboarding.greeting(h.fake.teamId, 'C0NEWPOC'))?.messageTs).toBe(greeting?.ts);

    // Another channel gets its own.
    await h.slack.event(joined(h.fake.botUserId, 'C0OTHER'));
    await eventually(() => greetings('C0OTHER').length === 1);
  });

  it('says nothing when someone else joins, or in a channel whose POC is already open', async () => {
    await h.slack.event(joined(people.evaluator));
    await seedPoc(h.bot.store);
    await h.slack.event(joined(h.fake.botUserId, channel));
    await settle();
    expect(greetings()).toEqual([]);
    expect(greetings(channel)).toEqual([]);
  });

  it('a greeting Slack refused is not remembered: the next join tries again', async () => {
    h.fake.failNext('chat.postMessage', { error: 'is_archived' });
    await h.slack.event(joined(h.fake.botUserId));
    await eventually(() => h.logs.some((l) => /WARN .*could not greet C0NEWPOC after joining it: is_archived/.test(l)));
    expect(await h.bot.store.onboarding.greeting(h.fake.teamId, 'C0NEWPOC')).toBeUndefined();
    await h.slack.event(joined(h.fake.botUserId));
    await eventually(() => greetings().length === 1);
  });

  it('a 500 after Slack had posted it: found by its key, not posted twice', async () => {
    h.fake.failNext('chat.postMessage', { status: 500, afterEffect: true });
    await h.slack.event(joined(h.fake.botUserId));
    await eventually(
      async () => typeof (await h.bot.store.onboarding.greeting(h.fake.teamId, 'C0NEWPOC'))?.messageTs === 'string',
    );
    expect(greetings()).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.callsTo('conversations.history')).toHaveLength(1);
  });
});

describe('the App Home', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  const homeText = (user: string) => JSON.stringify(h.fake.homes.get(user) ?? {});
  const publishes = () => h.fake.callsTo('views.publish').length;

  it('shows the onboarding at the first visit (what pocbot does, how to start, where help is), then the POCs only', async () => {
    await seedPoc(h.bot.store);
    await h.slack.event(appHomeOpened(people.se));
    await eventually(() => publishes() === 1);
    expect(homeText(people.se)).toContain('Welcome to pocbot');
    expect(homeText(people.se)).toContain('/poc new');
    expect(homeText(people.se)).toContain('/poc help');
    expect(homeText(people.se)).toContain('Acme analytics PoV'); // the user's POCs below it

    await h.restart();
    await h.slack.event(appHomeOpened(people.se));
    await eventually(() => publishes() === 2);
    expect(homeText(people.se)).not.toContain('Welcome to pocbot');
    expect(homeText(people.se)).toContain('Acme analytics PoV');

    // Each person has their own first visit.
    await h.slack.event(appHomeOpened(people.ae));
    await eventually(() => publishes() === 3);
    expect(homeText(people.ae)).toContain('Welcome to pocbot');
  });

  it('an onboarding Slack did not show is shown at the next visit', async () => {
    h.fake.failNext('views.publish', { error: 'not_enabled' });
    await h.slack.event(appHomeOpened(people.se));
    await eventually(() => h.fake.callsTo('views.publish').length === 1);
    await settle();
    await h.slack.event(appHomeOpened(people.se));
    await eventually(() => h.fake.homes.has(people.se));
    expect(homeText(people.se)).toContain('Welcome to pocbot');
  });
});
