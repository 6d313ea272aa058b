// Issue 4: reactions decide criteria, thread replies are evidence, the scoreboard follows, and
// status / list / Home show it — all through signed HTTP requests to the real app.
import { describe, expect, it } from 'vitest';
import type { Criterion, Poc } from '../../src/domain/poc.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { commandReply, eventually, type Harness } from '../../testkit/harness.js';
import { appHomeOpened, messageEvent, reactionEvent } from '../../testkit/payloads.js';
import { channel, seededPocChannel } from '../helpers/seeded-channel.js';

describe('evaluation in the channel', () => {
  let h: Harness;
  let poc: Poc;
  let criteria: Criterion[];
  const { crit, react, replies } = seededPocChannel((s) => {
    ({ h, poc, criteria } = s);
  });

  const votes = async () => h.bot.store.criteria.votesFor(criteria.map((c) => c.id));
  const scoreboard = async () => {
    const ts = (await h.bot.store.pocs.byId(poc.id))?.scoreboardTs;
    return ts ? h.fake.findMessage(channel, ts) : undefined;
  };
  const scoreboardText = async () => JSON.stringify((await scoreboard())?.blocks ?? []);

  async function status(user: string = people.se): Promise<string> {
    const { status: http, reply } = await commandReply(h, { text: 'status', userId: user, channelId: channel });
    expect(http).toBe(200);
    return JSON.stringify(reply);
  }

  it('marks a criterion PASS on the lead evaluator’s ✅ and acknowledges it in the thread', async () => {
    await react(people.evaluator, 'white_check_mark', 2);
    await eventually(() => replies(2).length === 1);
    expect(replies(2)).toEqual([`Criterion 2 marked PASS by <@${people.evaluator}> (lead evaluator).`]);
    expect(await votes()).toMatchObject([
      { criterionId: crit(2).id, userId: people.evaluator, role: 'lead', result: 'pass' },
    ]);
    const board = await eventually(async () => scoreboard());
    expect(JSON.stringify(board.blocks)).toContain(`*PASS* by <@${people.evaluator}>`);
    await eventually(() => h.fake.pins.length === 1);
    expect(h.fake.pins).toEqual([{ channel, ts: board.ts }]);
  });

  it('marks FAIL on ❌ and PARTIAL on 🟡, and heavy_check_mark counts as a pass', async () => {
    await react(people.evaluator, 'x', 1);
    await react(people.evaluator, 'large_yellow_circle', 3);
    await react(people.evaluator, 'heavy_check_mark', 4);
    await eventually(() => replies(1).length === 1 && replies(3).length === 1 && replies(4).length === 1);
    expect(replies(1)).toEqual([`Criterion 1 marked FAIL by <@${people.evaluator}> (lead evaluator).`]);
    expect(replies(3)).toEqual([`Criterion 3 marked PARTIAL by <@${people.evaluator}> (lead evaluator).`]);
    expect(replies(4)).toEqual([`Criterion 4 marked PASS by <@${people.evaluator}> (lead evaluator).`]);
    await eventually(
      async () =>
        (await scoreboardText()).includes('*PASS* by') &&
        (await scoreboardText()).includes('*PARTIAL* by') &&
        (await scoreboardText()).includes('*FAIL* by'),
    );
    expect(await scoreboardText()).toContain('3 of 5 decided · 1 pass · 1 fail · 1 partial');
  });

  it('undoes a call when the reaction is removed', async () => {
    await react(people.evaluator, 'x', 2);
    await eventually(() => replies(2).length === 1);
    await react(people.evaluator, 'x', 2, false);
    await eventually(() => replies(2).length === 2);
    expect(replies(2)[1]).toBe(`Criterion 2 is undecided again: <@${people.evaluator}> removed their FAIL.`);
    expect(await votes()).toEqual([]);
    await eventually(async () => (await scoreboardText()).includes('0 of 5 decided'));
  });

  it('keeps the SE’s call awaiting the customer; the lead overrules it, and taking that back leaves the vendor call waiting again', async () => {
    await react(people.se, 'white_check_mark', 2);
    await eventually(() => replies(2).length === 1);
    expect(replies(2)[0]).toContain(
      `Vendor call on criterion 2: PASS by <@${people.se}>, *awaiting customer confirmation*`,
    );
    await eventually(async () => (await scoreboardText()).includes('awaiting customer confirmation'));
    expect(await scoreboardText()).toContain(
      '0 of 5 decided · 0 pass · 0 fail · 0 partial · 1 awaiting customer confirmation',
    );
    await react(people.evaluator, 'x', 2);
    await eventually(() => replies(2).length === 2);
    expect(replies(2)[1]).toBe(
      `Criterion 2 marked FAIL by <@${people.evaluator}> (lead evaluator), overruling <@${people.se}>’s PASS.`,
    );
    await eventually(async () => (await scoreboardText()).includes('overrules'));
    expect(await scoreboardText()).toContain(`*FAIL* by <@${people.evaluator}> _(overrules <@${people.se}>’s PASS)_`);
    expect(await status()).toContain('overrules');

    await react(people.evaluator, 'x', 2, false);
    await eventually(() => replies(2).length === 3);
    expect(replies(2)[2]).toBe(
      `<@${people.evaluator}> removed their FAIL on criterion 2; the vendor call PASS by <@${people.se}> still awaits the customer’s confirmation.`,
    );
  });

  it('keeps a bystander’s reaction as an opinion that changes nothing', async () => {
    await react(people.bystander, 'white_check_mark', 1);
    await eventually(async () => (await votes()).length === 1);
    expect((await votes()).map((v) => v.role)).toEqual(['other']);
    // Give any (wrong) reply or scoreboard post time to land before asserting there is none.
    await new Promise((r) => setTimeout(r, 150));
    expect(replies(1)).toEqual([]);
    expect((await h.bot.store.pocs.byId(poc.id))?.scoreboardTs).toBeNull();
    expect(await status()).toContain('0 of 5 decided');
  });

  it('records the AE’s reaction as a vendor call, like the SE’s', async () => {
    await react(people.ae, 'x', 1);
    await eventually(() => replies(1).length === 1);
    expect((await votes()).map((v) => v.role)).toEqual(['vendor']);
    expect(replies(1)[0]).toContain(
      `Vendor call on criterion 1: FAIL by <@${people.ae}>, *awaiting customer confirmation*`,
    );
    expect(await status()).toContain('vendor call FAIL by');
  });

  it('ignores reactions on messages that are not criterion messages, and other emoji', async () => {
    await h.slack.event(
      reactionEvent('reaction_added', {
        user: people.evaluator,
        reaction: 'white_check_mark',
        channel,
        ts: '1763999999.000100',
      }),
    );
    await react(people.evaluator, 'tada', 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(await votes()).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('counts a retried reaction once: same event_id with X-Slack-Retry-Num, and a new event_id for the same reaction', async () => {
    const event = reactionEvent('reaction_added', {
      user: people.evaluator,
      reaction: 'white_check_mark',
      channel,
      ts: crit(1).messageTs as string,
      eventTs: '1763913700.000100',
    });
    await h.slack.event(event, { eventId: 'EvSAME0001' });
    await eventually(() => replies(1).length === 1);
    const retry = await h.slack.event(event, { eventId: 'EvSAME0001', retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    await h.slack.event(event, { eventId: 'EvOTHER0002' });
    await new Promise((r) => setTimeout(r, 150));
    expect(await votes()).toHaveLength(1);
    expect(replies(1)).toHaveLength(1);
    expect(h.fake.channelMessages(channel)).toHaveLength(1); // the scoreboard, once
  });

  it('updates the scoreboard in place with chat.update on every later decision', async () => {
    await react(people.evaluator, 'white_check_mark', 1);
    const board = await eventually(async () => scoreboard());
    await react(people.evaluator, 'x', 2);
    await react(people.evaluator, 'large_yellow_circle', 3);
    await eventually(async () => (await scoreboard())?.edits.length === 2);
    expect(h.fake.channelMessages(channel)).toHaveLength(1);
    expect(h.fake.callsTo('chat.update').every((c) => c.args.ts === board.ts)).toBe(true);
    expect(await scoreboardText()).toContain('3 of 5 decided');
    await eventually(() => h.fake.pins.length === 1);
    expect(h.fake.pins).toHaveLength(1);
  });

  it('posts the scoreboard unpinned where the bot may not pin', async () => {
    h.fake.addChannel({ id: channel, pinError: 'restricted_action' });
    await status();
    await eventually(async () => scoreboard());
    await eventually(() => h.fake.callsTo('pins.add').length === 1);
    expect(h.fake.pins).toEqual([]);
    expect(await scoreboardText()).toContain('0 of 5 decided');
  });

  it('stores a thread reply on a criterion as evidence and shows it in /poc status, with who and when, its escapes kept and its mentions made plain', async () => {
    const ts = '1763913900.000200';
    // As Slack sends message text: already escaped, a mention as <@…>.
    const text = `Loaded 10.2M rows in 11 minutes &lt;15 min target&gt;, cc <@${people.se}>`;
    await h.slack.event(
      messageEvent({ user: people.evaluator, channel, text, ts, threadTs: crit(1).messageTs as string }),
    );
    const saved = await eventually(async () => (await h.bot.store.criteria.evidenceFor([crit(1).id]))[0]);
    expect(saved).toMatchObject({
      userId: people.evaluator,
      text,
      messageTs: ts,
      postedAt: '2025-11-23T16:05:00.000Z',
    });
    expect(saved.permalink).toBe(`https://vendor.slack.test/archives/${channel}/p1763913900000200`);
    const shown = await status();
    // Quoted, the mention of the SE would notify the SE again: it is shown as plain text.
    const quoted = `Loaded 10.2M rows in 11 minutes &lt;15 min target&gt;, cc @${people.se}`;
    expect(shown).toContain(
      `1 reply: <${saved.permalink}|reply> by <@${people.evaluator}>, <!date^1763913900^{date_short_pretty} {time}|2025-11-23T16:05:00.000Z>: ${quoted}`,
    );
    expect(shown).not.toContain('&amp;lt;');
  });

  it('follows edits and deletions of evidence, and ignores bot messages and top-level messages', async () => {
    const ts = '1763913900.000300';
    const threadTs = crit(2).messageTs as string;
    await h.slack.event(messageEvent({ user: people.se, channel, text: 'p95 was 1.4 s', ts, threadTs }));
    await eventually(async () => (await h.bot.store.criteria.evidenceFor([crit(2).id])).length === 1);
    await h.slack.event({
      type: 'message',
      subtype: 'message_changed',
      channel,
      ts: '1763913901.000100',
      message: { ts, thread_ts: threadTs, user: people.se, text: 'p95 was 1.6 s' },
    });
    await eventually(async () => (await h.bot.store.criteria.evidenceFor([crit(2).id]))[0]?.text === 'p95 was 1.6 s');
    await h.slack.event({
      type: 'message',
      subtype: 'message_deleted',
      channel,
      ts: '1763913902.000100',
      deleted_ts: ts,
      previous_message: { ts, thread_ts: threadTs, text: 'p95 was 1.6 s' },
    });
    await eventually(async () => (await h.bot.store.criteria.evidenceFor([crit(2).id])).length === 0);

    await h.slack.event({
      ...messageEvent({ user: 'U0BOTTY', channel, text: 'bot says', ts: '1763913903.000100', threadTs }),
      bot_id: 'B0OTHER',
    });
    await h.slack.event(messageEvent({ user: people.se, channel, text: 'top level', ts: '1763913904.000100' }));
    await new Promise((r) => setTimeout(r, 150));
    expect(await h.bot.store.criteria.evidenceFor(criteria.map((c) => c.id))).toEqual([]);
  });

  it('acks /poc status empty at once and posts the status to the command’s response_url', async () => {
    const id = 'status-reply';
    const res = await h.slack.command({
      text: 'status',
      userId: people.se,
      channelId: channel,
      responseUrl: h.fake.responseUrl(id),
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const reply = await eventually(() => h.fake.responses.find((r) => r.id === id));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply.body)).toContain(poc.name);
  });

  it('logs one line and keeps serving when the status cannot be delivered (an expired response_url)', async () => {
    const before = h.logs.length;
    const expired = h.fake.responseUrl('gone').replace('/response/', '/expired/');
    const res = await h.slack.command({ text: 'status', userId: people.se, channelId: channel, responseUrl: expired });
    expect(res.status).toBe(200);
    const line = await eventually(() =>
      h.logs.slice(before).find((l) => l.includes('/poc status: the reply could not be delivered')),
    );
    expect(line).toMatch(/WARN .*HTTP 404/);
    expect(await status()).toContain(poc.name);
    expect(h.logs.slice(before).filter((l) => / (WARN|ERROR) /.test(l))).toEqual([line]);
  });

  it('shows stage, week, days left, blockers, evaluator activity and next dates in /poc status', async () => {
    await h.bot.store.issues.open({
      pocId: poc.id,
      text: 'Staging VPN is down',
      severity: 'blocker',
      openedBy: people.se,
      openedAt: '2026-11-18T15:00:00.000Z',
    });
    const shown = await status();
    expect(shown).toContain('week 1 of 2');
    expect(shown).toContain('11 days left');
    expect(shown).toContain('Staging VPN is down');
    expect(shown).toContain('open more than 2 business days');
    expect(shown).toContain('no activity recorded yet');
    expect(shown).toContain('next checkpoint: Fri Nov 27');
    expect(shown).toContain('Next standup: <!date^1795530600^'); // Tue 2026-11-24 09:30 in New York

    const values = h.bot.database.dialect === 'postgres' ? '$1, $2, $3, $4, $5' : '?, ?, ?, ?, ?';
    await h.bot.database.query(
      `insert into activity (poc_id, user_id, day, first_ts, last_ts, messages, reactions) values (${values}, 1, 0)`,
      [poc.id, people.evaluator, '2026-11-19', '1795100000.000100', '1795100400.000100'], // Thu Nov 19 10:00 New York
    );
    const later = await status();
    expect(later).toContain('last active <!date^1795100400^');
    expect(later).toContain('2 business days ago');
  });

  it('says "not signed off" for a POC awaiting sign-off and refuses status where there is no POC', async () => {
    await h.bot.store.pocs.update(poc.id, { stage: 'awaiting_signoff' });
    expect(await status()).toContain('not signed off');
    const none = await commandReply(h, { text: 'status', userId: people.se, channelId: 'C0EMPTY' });
    expect(JSON.stringify(none.reply)).toContain('There is no POC in this channel yet');
  });

  it('lists the user’s POCs with load, progress and risks in /poc list and on the App Home tab', async () => {
    await seedPoc(h.bot.store, { channelId: 'C0GLOBEX', name: 'Globex PoC', kind: 'poc' });
    await seedPoc(h.bot.store, { channelId: 'C0INITECH', name: 'Initech PoV' });
    await seedPoc(h.bot.store, { channelId: 'C0UMBRELLA', name: 'Umbrella draft', stage: 'awaiting_signoff' });
    await seedPoc(h.bot.store, { channelId: 'C0NOTMINE', name: 'Someone else’s', seId: 'U0SE2', aeId: 'U0AE2' });
    await react(people.evaluator, 'x', 1);
    await eventually(async () => (await votes()).length === 1);

    const res = await h.slack.command({ text: 'list', userId: people.se, channelId: 'C0RANDOM' });
    const listed = JSON.stringify(res.json);
    expect(listed).toContain('3 active (sustainable 2) · 1 in design (sustainable 1)');
    expect(listed).toContain('over the sustainable load');
    expect(listed).toContain('Acme analytics PoV');
    expect(listed).toContain('1/5 criteria decided (0 pass, 1 fail, 0 partial)');
    expect(listed).toContain('criteria not signed off');
    expect(listed).not.toContain('Someone else');

    await h.slack.event(appHomeOpened(people.ae));
    const home = await eventually(() => h.fake.homes.get(people.ae));
    const homeText = JSON.stringify(home);
    expect(home.type).toBe('home');
    expect(homeText).toContain('Globex PoC');
    expect(homeText).toContain('week 1 of 2');
    expect(homeText).toContain('3 active (sustainable 2)');
    expect((home.blocks as unknown[]).length).toBeLessThanOrEqual(100);
  });
});
