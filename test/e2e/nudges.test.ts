import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dateToSlackTs, zonedInstant } from '../../src/domain/calendar.js';
import { checkpointOnTrackAction, nudgeActions, nudgeActionsBlock, nudgeOutcomeBlock } from '../../src/slack/ids.js';
import type { FakeMessage } from '../../testkit/fake-slack.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { commandReply, eventually, type Harness, startHarness } from '../../testkit/harness.js';
import { blockAction, messageEvent, reactionEvent } from '../../testkit/payloads.js';

const ny = 'America/New_York';
const at = (date: string, time = '10:00') => zonedInstant(date, time, ny);
const tsOn = (date: string, time = '11:00', seq = 100) => dateToSlackTs(at(date, time), seq);

const calendarKeys = (messages: FakeMessage[]) => messages.map((m) => String(m.metadata?.event_payload.key ?? ''));

function blocksText(m: FakeMessage): string {
  return JSON.stringify(m.blocks ?? []) + m.text;
}

describe('silence detector, end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: at('2026-11-23', '08:00') });
  });
  afterEach(async () => {
    await h.stop();
  });

  const tickOn = async (date: string, time = '10:00') => {
    h.clock.set(at(date, time));
    return h.bot.jobs.tick(h.clock.now());
  };
  const nudgeRows = async (kind: string) => (await h.bot.store.nudges.forPoc(1)).filter((n) => n.kind === kind);
  const dmsWith = (user: string, phrase: string) =>
    h.fake.directMessages(user).filter((m) => blocksText(m).includes(phrase));

  /** The evaluator writes on Mon–Wed (days 1–3), reacts on Wednesday, then goes quiet. */
  async function activeDaysOneToThree(channel: string) {
    for (const [i, day] of ['2026-11-23', '2026-11-24', '2026-11-25'].entries()) {
      h.clock.set(at(day, '11:00'));
      await h.slack.event(
        messageEvent({
          user: people.evaluator,
          channel,
          text: `Progress update ${i + 1}: loaded the sample data`,
          ts: tsOn(day),
        }),
      );
    }
    await h.slack.event(
      reactionEvent('reaction_added', {
        user: people.evaluator,
        reaction: 'eyes',
        channel,
        ts: tsOn('2026-11-23'),
        eventTs: tsOn('2026-11-25', '15:00'),
      }),
    );
    await eventually(
      async () => (await h.bot.store.activity.lastTs(1, people.evaluator)) === tsOn('2026-11-25', '15:00'),
    );
  }

  /** A seeded POC whose evaluator goes quiet after day 3: the SE's silence nudge, then the AE's escalation. */
  async function quietUntilEscalated() {
    const { poc } = await seedPoc(h.bot.store);
    await activeDaysOneToThree(poc.channelId);
    await tickOn('2026-11-27');
    await tickOn('2026-12-01');
    return {
      poc,
      seDm: dmsWith(people.se, 'The evaluation team has gone quiet')[0] as FakeMessage,
      aeDm: dmsWith(people.ae, 'Escalation')[0] as FakeMessage,
      silenceKey: (await nudgeRows('silence'))[0]?.key as string,
      escalationKey: (await nudgeRows('escalation')).find((n) => n.recipientId === people.ae)?.key as string,
    };
  }

  const clickDm = (user: string, dm: FakeMessage, actionId: string, value: string) =>
    h.slack.interaction(
      blockAction({
        user,
        teamId: h.fake.teamId,
        actionId,
        value,
        blockId: nudgeActionsBlock,
        channel: dm.channel,
        messageTs: dm.ts,
        triggerId: h.fake.issueTrigger(),
        responseUrl: h.fake.responseUrl(),
      }),
    );

  it('nudges the SE on the 2nd quiet business day, escalates 2 business days later, repeats nothing, and notes the return', async () => {
    const { poc } = await seedPoc(h.bot.store);
    const paused = (
      await seedPoc(h.bot.store, {
        channelId: 'C0PAUSED',
        name: 'Paused PoV',
        pausedUntil: '2026-12-31',
        pauseReason: 'customer freeze',
      })
    ).poc;
    await activeDaysOneToThree(poc.channelId);

    // Thursday: 1 quiet business day.
    await tickOn('2026-11-26');
    expect(await nudgeRows('silence')).toHaveLength(0);

    // Friday: 2 → the SE's DM, with the four buttons.
    await tickOn('2026-11-27');
    const seDms = dmsWith(people.se, 'The evaluation team has gone quiet');
    expect(seDms).toHaveLength(1);
    expect(blocksText(seDms[0] as FakeMessage)).toContain('2 business days');
    expect(blocksText(seDms[0] as FakeMessage)).toContain('Suggested move');
    for (const id of Object.values(nudgeActions)) expect(blocksText(seDms[0] as FakeMessage)).toContain(id);
    expect(await nudgeRows('silence')).toMatchObject([
      { level: 1, recipientId: people.se, localDate: '2026-11-27', status: 'sent' },
    ]);
    expect(await nudgeRows('escalation')).toHaveLength(0);

    // Monday: 3 (Fri → Mon is one business day); nothing new for silence.
    await tickOn('2026-11-30');
    expect(await nudgeRows('escalation')).toHaveLength(0);
    expect(dmsWith(people.se, 'The evaluation team has gone quiet')).toHaveLength(1);

    // Tuesday: 4 → the AE's DM and the escalation channel post.
    await tickOn('2026-12-01');
    const aeDms = dmsWith(people.ae, 'Escalation');
    expect(aeDms).toHaveLength(1);
    const escal = h.fake.channelMessages('C0ESCAL');
    expect(escal).toHaveLength(1);
    const post = blocksText(escal[0] as FakeMessage);
    expect(post).toContain('4 business days');
    expect(post).toContain('0 of 5');
    expect(post).toContain('3 business days to the end date');
    expect(post).toContain('Suggested note to the economic buyer');
    expect(post).toContain(`<@${people.economicBuyer}>`);
    expect((await nudgeRows('escalation')).map((n) => n.recipientId).sort()).toEqual(['C0ESCAL', people.ae]);

    // Later ticks, same day and next days: nothing repeated.
    await tickOn('2026-12-01', '15:00');
    await tickOn('2026-12-02');
    expect(dmsWith(people.se, 'The evaluation team has gone quiet')).toHaveLength(1);
    expect(dmsWith(people.ae, 'Escalation')).toHaveLength(1);
    expect(h.fake.channelMessages('C0ESCAL')).toHaveLength(1);

    // The paused POC stayed quiet all along.
    expect(await h.bot.store.nudges.forPoc(paused.id)).toEqual([]);

    // A quiet tick first (it sends nothing, so its POC sleeps until tomorrow): only the reply
    // itself can wake the POC for the next tick (the activity triggers of the due index).
    const quiet = await tickOn('2026-12-02', '12:00');
    expect(quiet.lines.filter((l) => l.startsWith('posted'))).toEqual([]);
    expect(Date.parse((await h.bot.store.schedule.nextDueOf(1)) ?? '')).toBeGreaterThan(
      at('2026-12-02', '13:10').getTime(),
    );

    // The evaluator replies in a thread; the next tick says they are back, once.
    h.clock.set(at('2026-12-02', '13:00'));
    await h.slack.event(
      messageEvent({
        user: people.evaluator,
        channel: poc.channelId,
        text: 'Sorry, was out. Running the load test now',
        ts: tsOn('2026-12-02', '13:00'),
        threadTs: tsOn('2026-11-23'),
      }),
    );
    await eventually(
      async () => (await h.bot.store.activity.lastTs(1, people.evaluator)) === tsOn('2026-12-02', '13:00'),
    );
    await tickOn('2026-12-02', '13:05');
    await tickOn('2026-12-02', '13:10');
    const after = h.fake.channelMessages('C0ESCAL');
    expect(after).toHaveLength(2);
    expect(blocksText(after[1] as FakeMessage)).toContain('The evaluation team is active again');
    expect(await nudgeRows('evaluator_back')).toHaveLength(1);
  });

  it('a team of two: the lead quiet for 5 business days while the second evaluator answers every standup is no silence; the SE gets one lower-key note', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await h.bot.store.evaluators.setTeam(poc.id, people.evaluator, [people.evaluator2], '2026-11-23T15:00:00.000Z');
    // The lead's last word: Monday.
    h.clock.set(at('2026-11-23', '11:00'));
    await h.slack.event(
      messageEvent({
        user: people.evaluator,
        channel: poc.channelId,
        text: 'Kicking off today',
        ts: tsOn('2026-11-23'),
      }),
    );
    await eventually(async () => h.bot.store.activity.lastTs(poc.id, people.evaluator));
    // Tuesday to the next Tuesday: the standup goes out, the second evaluator answers it, the jobs run on.
    const days = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01'];
    for (const day of days) {
      await tickOn(day, '09:31');
      const standup = h.fake
        .channelMessages(poc.channelId)
        .find((m) => m.metadata?.event_payload.key === `standup:${poc.id}:${day}`);
      if (!standup) throw new Error(`no standup on ${day}`);
      h.clock.set(at(day, '10:15'));
      await h.slack.event(
        messageEvent({
          user: people.evaluator2,
          channel: poc.channelId,
          text: `Done: ran scenario ${day}. Next: dashboards.`,
          ts: tsOn(day, '10:15'),
          threadTs: standup.ts,
        }),
      );
      await eventually(async () =>
        (await h.bot.store.answers.forPoc(poc.id, 'standup')).some((a) => a.outboxKey === `standup:${poc.id}:${day}`),
      );
      await tickOn(day, '13:00');
      await tickOn(day, '17:30');
    }
    // Monday the 30th the lead had been quiet 5 business days: still no escalation, no AE DM.
    expect(h.fake.directMessages(people.ae)).toEqual([]);
    expect(h.fake.channelMessages('C0ESCAL')).toEqual([]);
    expect(await nudgeRows('escalation')).toEqual([]);
    expect(await nudgeRows('silence')).toEqual([]);
    expect(await nudgeRows('standups_unanswered')).toEqual([]);
    // One lower-key DM to the SE, naming who is quiet and since when, and who is active.
    const notes = dmsWith(people.se, 'The lead evaluator is quiet; the team is not');
    expect(notes).toHaveLength(1);
    const note = blocksText(notes[0] as FakeMessage);
    expect(note).toContain(
      `<@${people.evaluator}> (lead evaluator) has been quiet for *2 business days* (last active Mon Nov 23)`,
    );
    expect(note).toContain(`<@${people.evaluator2}> (evaluator), last active`);
    expect(await nudgeRows('lead_quiet')).toMatchObject([{ recipientId: people.se, localDate: '2026-11-25' }]);
    // Nothing anyone was sent says the team, or "your team", was silent.
    const said = [
      ...h.fake.messages.map(blocksText),
      ...(await h.bot.store.nudges.forPoc(poc.id)).map((n) => n.detail),
    ].join('\n');
    expect(said).not.toMatch(
      /Nobody on the evaluation team|have not heard from your team|evaluation team has gone quiet|Escalation/,
    );
  });

  it('an escalation the escalation channel refuses (pocbot not invited) is told to the SE with the next step', async () => {
    h.fake.addChannel({ id: 'C0ESCAL', botNotMember: true });
    const { poc } = await quietUntilEscalated();
    await tickOn('2026-12-01', '10:05');
    expect(h.fake.channelMessages('C0ESCAL')).toHaveLength(0);
    const told = dmsWith(people.se, 'could not post the escalation');
    expect(told).toHaveLength(1);
    expect(blocksText(told[0] as FakeMessage)).toContain(
      `I could not post the escalation of ${poc.name} in <#C0ESCAL>. I am not a member of <#C0ESCAL>`,
    );
    expect(blocksText(told[0] as FakeMessage)).toContain('/invite @pocbot');
    expect(
      (
        await h.bot.store.outbox.byKey(
          `nudge:${(await nudgeRows('escalation')).find((n) => n.recipientId === 'C0ESCAL')?.key}`,
        )
      )?.status,
    ).toBe('failed');
  });

  it('a nudge DM to someone Slack will not DM (a deactivated AE) is told to the SE with the next step', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await activeDaysOneToThree(poc.channelId);
    await tickOn('2026-11-27');
    h.fake.failNext('conversations.open', { error: 'account_inactive' });
    await tickOn('2026-12-01');
    expect(dmsWith(people.ae, 'Escalation')).toHaveLength(0);
    const told = dmsWith(people.se, 'could not send the escalation');
    expect(told).toHaveLength(1);
    expect(blocksText(told[0] as FakeMessage)).toContain(`<@${people.ae}>'s Slack account is deactivated`);
    expect(blocksText(told[0] as FakeMessage)).toContain('/poc edit');
  });

  it('shows the silence sweep in a dry run without recording or sending anything', async () => {
    await seedPoc(h.bot.store);
    h.clock.set(at('2026-11-25'));
    const report = await h.bot.jobs.tick(h.clock.now(), { dryRun: true });
    expect(report.lines.join('\n')).toMatch(/would post nudge:silence:1:none:U0SE/);
    expect(await h.bot.store.nudges.forPoc(1)).toEqual([]);
    expect(h.fake.directMessages(people.se)).toHaveLength(0);
  });

  it('records the button choices on the nudge and shows them on the DM', async () => {
    const { poc, seDm, aeDm, silenceKey, escalationKey } = await quietUntilEscalated();

    // Snooze on the SE's nudge: recorded with the day it runs through (2 business days), DM updated.
    expect((await clickDm(people.se, seDm, nudgeActions.snooze, silenceKey)).status).toBe(200);
    await eventually(async () => (await h.bot.store.nudges.byKey(silenceKey))?.outcome === 'snoozed');
    expect(await h.bot.store.nudges.byKey(silenceKey)).toMatchObject({
      outcomeBy: people.se,
      snoozedUntil: '2026-12-03',
    });
    await eventually(() => seDm.edits.length === 1);
    expect(JSON.stringify(seDm.blocks)).toContain(nudgeOutcomeBlock);
    expect(JSON.stringify(seDm.blocks)).not.toContain(nudgeActionsBlock);
    expect(JSON.stringify(seDm.blocks)).toContain('snoozed it through Thu Dec 3');

    // Ping on the AE's escalation: a friendly check-in in the POC's thread (the criteria document's) naming the open criteria.
    const topLevel = h.fake.channelMessages(poc.channelId).length;
    await clickDm(people.ae, aeDm, nudgeActions.ping, escalationKey);
    // The choice is claimed first, then the check-in posted.
    const checkIn = await eventually(() =>
      h.fake.threadReplies(poc.channelId, poc.documentTs ?? '').find((m) => blocksText(m).includes('checking in')),
    );
    expect((await h.bot.store.nudges.byKey(escalationKey))?.outcome).toBe('pinged');
    expect(h.fake.channelMessages(poc.channelId)).toHaveLength(topLevel);
    expect(blocksText(checkIn as FakeMessage)).toContain(`<@${people.evaluator}>`);
    expect(blocksText(checkIn as FakeMessage)).toContain('Ingest 10 million rows');
    expect(blocksText(checkIn as FakeMessage)).toContain('5 criteria are still open');

    // A second click changes nothing and says who chose what.
    await clickDm(people.ae, aeDm, nudgeActions.dismiss, escalationKey);
    await eventually(() => h.fake.responses.length > 0);
    expect(JSON.stringify(h.fake.responses.at(-1)?.body)).toContain('Already done');
    expect((await h.bot.store.nudges.byKey(escalationKey))?.outcome).toBe('pinged');

    // /poc status shows each nudge and what became of it, newest first.
    const { reply } = await commandReply(h, { text: 'status', userId: people.se, channelId: poc.channelId });
    const status = JSON.stringify(reply.blocks);
    expect(status).toContain('*Nudges* (4, newest first)');
    expect(status).toContain(
      `Escalation: the evaluation team has gone quiet → <@${people.ae}>, Tue Dec 1: *pinged* by <@${people.ae}>`,
    );
    expect(status).toContain(`Behind the calendar → <@${people.se}>, Tue Dec 1: no choice yet`);
    expect(status).toContain(`→ <#C0ESCAL>, Tue Dec 1: no choice yet`);
    expect(status).toContain(
      `The evaluation team has gone quiet → <@${people.se}>, Fri Nov 27: *snoozed* by <@${people.se}> through Thu Dec 3`,
    );
    expect(status.indexOf('<#C0ESCAL>, Tue Dec 1')).toBeLessThan(
      status.indexOf(`The evaluation team has gone quiet → <@${people.se}>, Fri Nov 27`),
    );
  });

  it('two "Ping the evaluator" presses at once (the SE and the AE, each from their own DM): one check-in, the other told who did it', async () => {
    const { poc, aeDm, escalationKey } = await quietUntilEscalated();
    const checkIns = () =>
      h.fake.threadReplies(poc.channelId, poc.documentTs ?? '').filter((m) => blocksText(m).includes('checking in'));
    // Slack is slow to take the check-in, so both presses are in flight before either posts.
    const release = h.fake.hold('chat.postMessage');
    const presses = [
      clickDm(people.ae, aeDm, nudgeActions.ping, escalationKey),
      clickDm(people.se, aeDm, nudgeActions.ping, escalationKey),
    ];
    await eventually(
      () => h.fake.callsTo('chat.postMessage').some((c) => c.args.thread_ts === poc.documentTs) || undefined,
    );
    await new Promise((r) => setTimeout(r, 100));
    release();
    expect((await Promise.all(presses)).map((r) => r.status)).toEqual([200, 200]);
    await eventually(
      () => h.fake.responses.some((r) => JSON.stringify(r.body).includes('Already done by')) || undefined,
    );
    expect(checkIns()).toHaveLength(1);
    const winner = await h.bot.store.nudges.byKey(escalationKey);
    expect(winner?.outcome).toBe('pinged');
    const told = h.fake.responses.filter((r) => JSON.stringify(r.body).includes('Already done by'));
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]?.body)).toContain(`Already done by <@${winner?.outcomeBy}>: they chose \\"pinged\\"`);
  });

  it('an answer to the weekly checkpoint is activity: the evaluator who clicked "On track" on Friday is not escalated on Tuesday', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await activeDaysOneToThree(poc.channelId);
    await tickOn('2026-11-27', '09:30');
    const checkpoint = h.fake
      .channelMessages(poc.channelId)
      .find((m) => calendarKeys([m])[0] === `checkpoint:${poc.id}:2026-11-27`) as FakeMessage;
    h.clock.set(at('2026-11-27', '11:00'));
    const clickTs = tsOn('2026-11-27', '11:00', 300);
    await h.slack.interaction(
      blockAction({
        user: people.evaluator,
        teamId: h.fake.teamId,
        userTeamId: 'T0CUSTOMER',
        actionId: checkpointOnTrackAction,
        channel: poc.channelId,
        messageTs: checkpoint.ts,
        triggerId: h.fake.issueTrigger(),
        actionTs: clickTs,
      }),
    );
    await eventually(async () => (await h.bot.store.activity.lastTs(poc.id, people.evaluator)) === clickTs);
    await tickOn('2026-11-30');
    await tickOn('2026-12-01');
    expect(await nudgeRows('escalation')).toEqual([]);
    expect(dmsWith(people.ae, 'Escalation')).toHaveLength(0);
  });

  it('a nudge button clicked from another workspace, or by someone who is not its recipient, SE or AE, changes nothing', async () => {
    const { poc, seDm, silenceKey } = await quietUntilEscalated();
    const before = h.fake.channelMessages(poc.channelId).length;
    const click = (user: string, teamId: string, actionId: string) =>
      h.slack.interaction(
        blockAction({
          user,
          teamId,
          actionId,
          value: silenceKey,
          blockId: nudgeActionsBlock,
          channel: seDm.channel,
          messageTs: seDm.ts,
          triggerId: h.fake.issueTrigger(),
          responseUrl: h.fake.responseUrl(),
        }),
      );
    expect((await click('U0STRANGER', 'T0INTRUDER', nudgeActions.ping)).status).toBe(200);
    await eventually(() =>
      h.fake.responses.some((r) => JSON.stringify(r.body).includes('That nudge is no longer on record')),
    );
    expect((await click(people.bystander, h.fake.teamId, nudgeActions.snooze)).status).toBe(200);
    await eventually(() =>
      h.fake.responses.some((r) => JSON.stringify(r.body).includes('can act on its nudges for this POC')),
    );
    expect(await h.bot.store.nudges.byKey(silenceKey)).toMatchObject({ outcome: null, snoozedUntil: null });
    expect(h.fake.channelMessages(poc.channelId)).toHaveLength(before);
    expect(seDm.edits).toHaveLength(0);
    // Its SE still can.
    await clickDm(people.se, seDm, nudgeActions.dismiss, silenceKey);
    await eventually(async () => (await h.bot.store.nudges.byKey(silenceKey))?.outcome === 'dismissed');
  });

  it('"Ping the evaluator" on a DM from a quiet spell that has ended since pings nobody and says why', async () => {
    const { poc, seDm, silenceKey } = await quietUntilEscalated();
    h.clock.set(at('2026-12-01', '14:00'));
    await h.slack.event(
      messageEvent({
        user: people.evaluator,
        channel: poc.channelId,
        text: 'Back from the offsite, looking at the dashboards now',
        ts: tsOn('2026-12-01', '14:00'),
      }),
    );
    await eventually(
      async () => (await h.bot.store.activity.lastTs(1, people.evaluator)) === tsOn('2026-12-01', '14:00'),
    );
    const before = h.fake.channelMessages(poc.channelId).length;
    await clickDm(people.se, seDm, nudgeActions.ping, silenceKey);
    await eventually(() =>
      h.fake.responses.some((r) =>
        JSON.stringify(r.body).includes('has been active since this nudge (last on Tue Dec 1): no ping needed'),
      ),
    );
    expect(h.fake.channelMessages(poc.channelId)).toHaveLength(before);
    expect((await h.bot.store.nudges.byKey(silenceKey))?.outcome).toBeNull();
    // The other choices still close it.
    await clickDm(people.se, seDm, nudgeActions.dismiss, silenceKey);
    await eventually(async () => (await h.bot.store.nudges.byKey(silenceKey))?.outcome === 'dismissed');
  });

  it('an escalation still queued when the evaluator replies is withdrawn: no DM to the AE, no escalation post, no "back" note', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await activeDaysOneToThree(poc.channelId);
    await tickOn('2026-11-27');
    // Tuesday: the escalation is decided, and waits behind the standup, which Slack rate-limits.
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 60 });
    expect((await tickOn('2026-12-01')).lines.join('\n')).toContain('rate limited');
    expect((await nudgeRows('escalation')).map((n) => n.status)).toEqual(['sent', 'sent']);
    h.clock.set(at('2026-12-01', '10:30'));
    await h.slack.event(
      messageEvent({
        user: people.evaluator,
        channel: poc.channelId,
        text: 'Back from the offsite, running the load test today',
        ts: tsOn('2026-12-01', '10:30'),
      }),
    );
    await eventually(
      async () => (await h.bot.store.activity.lastTs(poc.id, people.evaluator)) === tsOn('2026-12-01', '10:30'),
    );

    const report = await tickOn('2026-12-01', '10:35');
    await tickOn('2026-12-01', '10:40');
    const skipped = report.lines.filter((l) => l.startsWith('skipped nudge:escalation:'));
    expect(skipped).toHaveLength(2);
    for (const line of skipped)
      expect(line).toContain('no longer due: the evaluation team has been active since (last on Tue Dec 1)');
    expect(dmsWith(people.ae, 'Escalation')).toHaveLength(0);
    expect(h.fake.channelMessages('C0ESCAL')).toHaveLength(0);
    expect((await nudgeRows('escalation')).map((n) => n.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(await nudgeRows('evaluator_back')).toHaveLength(0);
    expect(calendarKeys(h.fake.channelMessages(poc.channelId))).toContain(`standup:${poc.id}:2026-12-01`);
  });

  it('a nudge still queued when the POC is paused is withdrawn; if the evaluator is still quiet after the pause, it comes again', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await activeDaysOneToThree(poc.channelId);
    // Friday: the SE's silence DM is decided, and waits behind the standup, which Slack rate-limits.
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 60 });
    await tickOn('2026-11-27');
    expect(await nudgeRows('silence')).toMatchObject([{ status: 'sent' }]);
    h.clock.set(at('2026-11-27', '10:10'));
    const paused = await h.slack.command({
      text: 'pause 2026-11-30 customer offsite',
      userId: people.se,
      channelId: poc.channelId,
    });
    expect(paused.status).toBe(200);

    const report = await tickOn('2026-11-27', '10:15');
    expect(report.lines.join('\n')).toContain('no longer due: the POC is paused through 2026-11-30');
    expect(dmsWith(people.se, 'The evaluation team has gone quiet')).toHaveLength(0);
    expect(await nudgeRows('silence')).toMatchObject([{ status: 'withdrawn' }]);

    // The pause ends on Monday; still nothing from the evaluator: the nudge comes back, once.
    for (const day of ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']) await tickOn(day);
    expect(dmsWith(people.se, 'The evaluation team has gone quiet')).toHaveLength(1);
    expect((await nudgeRows('silence')).map((n) => n.status)).toEqual(['withdrawn', 'sent']);
  });

  it('a "standups unanswered" nudge still queued when the evaluator answers a standup is withdrawn', async () => {
    const { poc } = await seedPoc(h.bot.store);
    // Mon–Wed: the standups go out; the evaluator is around (no silence) but answers none of them.
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      await tickOn(day);
      h.clock.set(at(day, '11:00'));
      await h.slack.event(
        messageEvent({
          user: people.evaluator,
          channel: poc.channelId,
          text: 'Looking at the ingest numbers',
          ts: tsOn(day),
        }),
      );
    }
    await eventually(async () => (await h.bot.store.activity.lastTs(poc.id, people.evaluator)) === tsOn('2026-11-25'));
    // Thursday: the streak is 3; the SE's DM waits behind the standup, which Slack rate-limits.
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 60 });
    await tickOn('2026-11-26');
    expect(await nudgeRows('standups_unanswered')).toMatchObject([{ status: 'sent', recipientId: people.se }]);
    const wednesday = h.fake
      .channelMessages(poc.channelId)
      .find((m) => calendarKeys([m])[0] === `standup:${poc.id}:2026-11-25`) as FakeMessage;
    h.clock.set(at('2026-11-26', '10:05'));
    await h.slack.event(
      messageEvent({
        user: people.evaluator,
        channel: poc.channelId,
        text: 'Done: ingest. Next: SSO',
        ts: tsOn('2026-11-26', '10:05'),
        threadTs: wednesday.ts,
      }),
    );
    await eventually(async () => (await h.bot.store.answers.forPoc(poc.id, 'standup')).length === 1);

    const report = await tickOn('2026-11-26', '10:10');
    expect(report.lines.join('\n')).toContain('no longer due: the customer side has answered a standup since');
    expect(dmsWith(people.se, 'not answered the last')).toHaveLength(0);
    expect(await nudgeRows('standups_unanswered')).toMatchObject([{ status: 'withdrawn' }]);
  });

  it('closing the POC takes the buttons off its nudge DMs still waiting for a choice; a click on an old one does nothing', async () => {
    const { poc, seDm, aeDm, silenceKey, escalationKey } = await quietUntilEscalated();
    await h.bot.store.nudges.setOutcome(escalationKey, {
      outcome: 'handled',
      by: people.ae,
      at: h.clock.now().toISOString(),
    });
    expect(JSON.stringify(seDm.blocks)).toContain(nudgeActionsBlock);

    const res = await h.slack.command({
      text: 'close lost went another way',
      userId: people.se,
      channelId: poc.channelId,
    });
    expect(res.status).toBe(200);
    await eventually(() => seDm.edits.length === 1);
    expect(JSON.stringify(seDm.blocks)).not.toContain(nudgeActionsBlock);
    expect(JSON.stringify(seDm.blocks)).toContain('The POC is closed (lost)');
    // A DM whose choice was made already is left as it is.
    expect(aeDm.edits).toHaveLength(0);

    // A click that was on its way (or on a DM Slack would not update) posts and records nothing.
    const before = h.fake.channelMessages(poc.channelId).length;
    const click = await clickDm(people.se, seDm, nudgeActions.ping, silenceKey);
    expect(click.status).toBe(200);
    await eventually(() =>
      h.fake.responses.some((r) => JSON.stringify(r.body).includes('is closed (lost): nothing was posted or recorded')),
    );
    expect(h.fake.channelMessages(poc.channelId)).toHaveLength(before);
    expect((await h.bot.store.nudges.byKey(silenceKey))?.outcome).toBeNull();
  });

  it('nudge DMs Slack will not update after the close are logged, one line each; the close stands', async () => {
    const { poc, seDm } = await quietUntilEscalated();
    h.fake.failNext('chat.update', { error: 'message_not_found' }, 2);
    const res = await h.slack.command({ text: 'close abandoned', userId: people.se, channelId: poc.channelId });
    expect(JSON.stringify(res.json)).toContain('Closed *Acme analytics PoV* as *abandoned*');
    const warned = () =>
      h.logs.filter((l) => /WARN .*could not take the buttons off its DM after the close: .*message_not_found/.test(l));
    await eventually(() => warned().length === 2); // the SE's silence DM and the AE's escalation DM
    expect(seDm.edits).toHaveLength(0);
    expect((await h.bot.store.pocs.byId(poc.id))?.stage).toBe('abandoned');
    expect(h.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
  });
});

describe('activity tracking', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: at('2026-11-24', '12:00') });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('keeps one row per user per local day, by the Slack ts of the activity, ignoring bots and edits', async () => {
    const { poc } = await seedPoc(h.bot.store);
    const late = dateToSlackTs(zonedInstant('2026-11-23', '22:30', ny), 7); // Monday night in New York, Tuesday in UTC
    await h.slack.event(
      messageEvent({ user: people.evaluator, channel: poc.channelId, text: 'first', ts: tsOn('2026-11-23', '09:00') }),
    );
    await h.slack.event(
      messageEvent({
        user: people.evaluator,
        channel: poc.channelId,
        text: 'late reply',
        ts: late,
        threadTs: tsOn('2026-11-23', '09:00'),
      }),
    );
    // A reaction counts at its own event_ts, not at the ts of the message it is on.
    await h.slack.event(
      reactionEvent('reaction_added', {
        user: people.evaluator,
        reaction: 'eyes',
        channel: poc.channelId,
        ts: tsOn('2026-11-20'),
        eventTs: tsOn('2026-11-24', '10:00'),
      }),
    );
    await h.slack.event({
      ...messageEvent({
        user: people.evaluator,
        channel: poc.channelId,
        text: 'bot',
        ts: tsOn('2026-11-24', '11:00', 1),
      }),
      bot_id: 'B0OTHER',
    });
    await h.slack.event({
      type: 'message',
      subtype: 'message_changed',
      channel: poc.channelId,
      ts: tsOn('2026-11-24', '11:30'),
      message: { user: people.evaluator, text: 'edited', ts: tsOn('2026-11-23', '09:00') },
    });
    await h.slack.event(
      messageEvent({ user: people.evaluator, channel: 'C0NOPOC', text: 'elsewhere', ts: tsOn('2026-11-24', '11:45') }),
    );

    // Each event's work runs after its ack, several at once: wait for the last of the counted ones
    // (the late reply can land after the reaction's row).
    const rows = await eventually(async () => {
      const r = await h.bot.store.activity.forPoc(poc.id);
      return r.length === 2 && r.some((x) => x.reactions === 1) && r.some((x) => x.messages === 2) ? r : undefined;
    });
    expect(rows).toEqual([
      {
        pocId: poc.id,
        userId: people.evaluator,
        day: '2026-11-23',
        firstTs: tsOn('2026-11-23', '09:00'),
        lastTs: late,
        messages: 2,
        reactions: 0,
      },
      {
        pocId: poc.id,
        userId: people.evaluator,
        day: '2026-11-24',
        firstTs: tsOn('2026-11-24', '10:00'),
        lastTs: tsOn('2026-11-24', '10:00'),
        messages: 0,
        reactions: 1,
      },
    ]);
    expect(await h.bot.store.activity.lastTs(poc.id, people.evaluator)).toBe(tsOn('2026-11-24', '10:00'));
  });

  it('turns vague pushback from anyone on the customer side into one nudge to the SE, saying who wrote what', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await h.slack.event(
      messageEvent({
        user: people.evaluator,
        channel: poc.channelId,
        text: "We're swamped, can we circle back next week?",
        ts: tsOn('2026-11-24', '11:00'),
      }),
    );
    await h.slack.event(
      messageEvent({
        user: people.champion,
        channel: poc.channelId,
        text: 'I am swamped too',
        ts: tsOn('2026-11-24', '11:05'),
      }),
    );
    // The vendor's own people saying it is no signal of the customer tiring.
    await h.slack.event(
      messageEvent({
        user: people.ae,
        channel: poc.channelId,
        text: 'Let us circle back next week',
        ts: tsOn('2026-11-24', '11:06'),
      }),
    );
    // Each message's work done (on PostgreSQL the three overlap: the AE's may finish first).
    await eventually(async () => (await h.bot.store.activity.lastTs(poc.id, people.ae)) !== undefined);
    await eventually(async () => (await h.bot.store.nudges.pendingSignals(poc.id, 'pushback')).length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    expect((await h.bot.store.nudges.pendingSignals(poc.id, 'pushback')).map((s) => s.userId).sort()).toEqual(
      [people.evaluator, people.champion].sort(),
    );
    h.clock.set(at('2026-11-24', '12:00'));
    await h.bot.jobs.tick(h.clock.now());
    const dm = h.fake.directMessages(people.se).find((m) => blocksText(m).includes('Vague pushback from the customer'));
    expect(dm).toBeDefined();
    expect(blocksText(dm as FakeMessage)).toContain(
      `<@${people.evaluator}> wrote “We're swamped, can we circle back next week?”`,
    );
    expect(blocksText(dm as FakeMessage)).toContain(`<@${people.champion}> wrote “I am swamped too”`);
    expect(await h.bot.store.nudges.pendingSignals(poc.id, 'pushback')).toEqual([]);
    await h.bot.jobs.tick(new Date(h.clock.now().getTime() + 60_000));
    expect(h.fake.directMessages(people.se).filter((m) => blocksText(m).includes('Vague pushback'))).toHaveLength(1);
  });

  it('quotes the pushback without its mentions or a disguised link: the nudge DM pings nobody and hides no address', async () => {
    const { poc } = await seedPoc(h.bot.store);
    const text =
      "<!channel> we're swamped, can we circle back next week? <@U0SE> see <https://evil.example|https://acme.example/plan>";
    await h.slack.event(
      messageEvent({ user: people.evaluator, channel: poc.channelId, text, ts: tsOn('2026-11-24', '11:00') }),
    );
    await eventually(async () => (await h.bot.store.nudges.pendingSignals(poc.id, 'pushback')).length === 1);
    h.clock.set(at('2026-11-24', '12:00'));
    await h.bot.jobs.tick(h.clock.now());
    const dm = h.fake.directMessages(people.se).find((m) => blocksText(m).includes('Vague pushback')) as FakeMessage;
    expect(blocksText(dm)).toContain(
      "@channel we're swamped, can we circle back next week? @U0SE see https://acme.example/plan (<https://evil.example>)",
    );
    expect(blocksText(dm)).not.toContain('<!channel>');
    expect(blocksText(dm)).not.toContain('<@U0SE>');
  });
});

describe('the nudge budget', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: at('2026-11-25', '08:00') });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('sends at most 3 a day to one person and folds the rest into the next day’s first nudge', async () => {
    for (const c of ['C0A', 'C0B', 'C0C', 'C0D'])
      await seedPoc(h.bot.store, { channelId: c, name: `PoV ${c}`, escalationChannelId: null });
    // Wednesday: every evaluator silent since Monday's start → 4 silence nudges + the SE runs 4 POCs.
    h.clock.set(at('2026-11-25'));
    await h.bot.jobs.tick(h.clock.now());
    expect(h.fake.directMessages(people.se)).toHaveLength(3);
    const deferred = await h.bot.store.nudges.allWaiting();
    expect(deferred.map((n) => n.kind).sort()).toEqual(['se_overloaded', 'silence']);

    // Thursday: nothing new is due, so the oldest waiting one goes out carrying the other.
    h.clock.set(at('2026-11-26'));
    await h.bot.jobs.tick(h.clock.now());
    const dms = h.fake.directMessages(people.se);
    expect(dms).toHaveLength(4);
    expect(blocksText(dms[3] as FakeMessage)).toContain('Also pending');
    expect(blocksText(dms[3] as FakeMessage)).toContain('more than 2 POCs');
    expect(await h.bot.store.nudges.allWaiting()).toEqual([]);
    const folded = await Promise.all(deferred.map((d) => h.bot.store.nudges.byKey(d.key)));
    expect(folded.map((n) => n?.status).sort()).toEqual(['folded', 'sent']);
  });
});
