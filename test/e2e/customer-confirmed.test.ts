// Issue 18 ("customer-confirmed results") and issue 20 ("reactions in Slack's order"), end to end:
// the SE's calls wait for the customer, a customer evaluator's reaction or a Confirm click makes
// them count, and reactions delivered out of order never resurrect a call.
import { describe, expect, it } from 'vitest';
import { dateToSlackTs } from '../../src/domain/calendar.js';
import type { Criterion, Poc } from '../../src/domain/poc.js';
import { confirmCallAction, readoutPostAction } from '../../src/slack/ids.js';
import { people } from '../../testkit/fixtures.js';
import { eventually, type Harness, onPostgres } from '../../testkit/harness.js';
import { blockAction, reactionEvent } from '../../testkit/payloads.js';
import { channel, clickButton, runCommand, seededPocChannel } from '../helpers/seeded-channel.js';

describe('customer-confirmed results', () => {
  let h: Harness;
  let poc: Poc;
  let criteria: Criterion[];
  const { crit, react, replies } = seededPocChannel(async (s) => {
    ({ h, poc, criteria } = s);
    // A team of two: the lead and a second customer evaluator.
    await s.h.bot.store.evaluators.setTeam(s.poc.id, people.evaluator, [people.evaluator2], '2026-11-23T15:00:00.000Z');
  });

  const readoutFile = async (): Promise<string> => {
    const before = h.fake.files.length;
    await runCommand(h, 'readout');
    const preview = await eventually(() =>
      h.fake.responses.find((r) => JSON.stringify(r.body).includes(readoutPostAction) && !r.body.done),
    );
    preview.body.done = true;
    await clickButton(h, readoutPostAction, String(poc.id));
    const file = await eventually(() => (h.fake.files.length > before ? h.fake.files.at(-1) : undefined));
    return file.content;
  };
  const readoutMessages = () =>
    JSON.stringify(
      h.fake
        .channelMessages(channel)
        .filter((m) => m.text.includes('readout'))
        .map((m) => m.blocks),
    );

  it('the SE alone reacting ✅ on every criterion is no PASS: call needed, each listed as awaiting confirmation; the customer’s ✅ then makes them count', async () => {
    for (const c of criteria) await react(people.se, 'white_check_mark', c.position);
    await eventually(() => criteria.every((c) => replies(c.position).length === 1));
    expect(replies(1)[0]).toContain('awaiting customer confirmation');

    const before = await readoutFile();
    expect(before).toContain('**CALL NEEDED**');
    expect(before).not.toContain('**PASS**');
    expect(before).toContain('Awaiting customer confirmation (vendor calls, not counted):');
    for (const c of criteria) expect(before).toContain(`- #${c.position} ${c.statement}: vendor call PASS by`);
    expect(readoutMessages()).toContain('Verdict: CALL NEEDED');

    // The second evaluator (not the lead) confirms each with the same reaction.
    for (const c of criteria) await react(people.evaluator2, 'white_check_mark', c.position);
    await eventually(() => criteria.every((c) => replies(c.position).length === 2));
    expect(replies(1)[1]).toBe(
      `Criterion 1 marked PASS by <@${people.evaluator2}> (customer evaluator), confirming <@${people.se}>’s call.`,
    );
    const after = await readoutFile();
    expect(after).toContain('**PASS** — Every agreed criterion passed.');
    expect(after).not.toContain('Awaiting customer confirmation');
  });

  it('a customer evaluator confirms a vendor call with the Confirm button in the criterion’s thread; the SE cannot', async () => {
    await react(people.se, 'x', 2);
    const ack = await eventually(() => h.fake.threadReplies(channel, crit(2).messageTs as string)[0]);
    expect(JSON.stringify(ack.blocks)).toContain(confirmCallAction);
    const value = `${crit(2).id}:1:fail`;
    const clickConfirm = (user: string, userTeamId?: string, actionTs?: string) =>
      h.slack.interaction(
        blockAction({
          ...(actionTs ? { actionTs } : {}),
          user,
          teamId: h.fake.teamId,
          ...(userTeamId ? { userTeamId } : {}),
          actionId: confirmCallAction,
          value,
          channel,
          messageTs: ack.ts,
          triggerId: h.fake.issueTrigger(),
          responseUrl: h.fake.responseUrl(),
        }),
      );

    await clickConfirm(people.se);
    await eventually(() =>
      h.fake.responses.some((r) => String(r.body.text).includes('Only the customer’s evaluators')),
    );
    expect((await h.bot.services.pocStatus.summary(poc)).progress).toMatchObject({ decided: 0, awaiting: 1 });

    // An external Slack Connect member clicks: their own org in user.team_id.
    expect(await h.bot.store.activity.lastTs(poc.id, people.evaluator2)).toBeUndefined();
    const clickTs = dateToSlackTs(h.clock.now(), 7);
    await clickConfirm(people.evaluator2, 'T0CUSTOMER', clickTs);
    await eventually(async () => (await h.bot.services.pocStatus.summary(poc)).progress.decided === 1);
    // The click is the evaluator at work: it counts against the team's silence and in the readout.
    expect(await h.bot.store.activity.lastTs(poc.id, people.evaluator2)).toBe(clickTs);
    expect((await h.bot.services.pocStatus.summary(poc)).standings[1]?.decision).toMatchObject({
      result: 'fail',
      decidedBy: people.evaluator2,
      role: 'evaluator',
    });
    await eventually(() => replies(2).length === 2);
    expect(replies(2)[1]).toBe(
      `Criterion 2 marked FAIL by <@${people.evaluator2}> (customer evaluator), confirming <@${people.se}>’s call.`,
    );
    // The button is gone from the reply it was on; it says who confirmed.
    const updated = await eventually(() => {
      const m = h.fake.findMessage(channel, ack.ts);
      return m && m.edits.length > 0 ? m : undefined;
    });
    expect(JSON.stringify(updated.blocks)).not.toContain(confirmCallAction);
    expect(JSON.stringify(updated.blocks)).toContain(`Confirmed FAIL by <@${people.evaluator2}>`);

    // A second click changes nothing and says so.
    await clickConfirm(people.evaluator);
    await eventually(() =>
      h.fake.responses.some((r) => String(r.body.text).includes('already decided by the customer')),
    );
  });

  it('a Confirm click after the vendor call changed confirms nothing', async () => {
    await react(people.se, 'white_check_mark', 3);
    await eventually(() => replies(3).length === 1);
    await react(people.se, 'white_check_mark', 3, false);
    await react(people.se, 'x', 3);
    await eventually(() => replies(3).length >= 2);
    await clickButton(h, confirmCallAction, `${crit(3).id}:1:pass`, people.evaluator);
    await eventually(() => h.fake.responses.some((r) => String(r.body.text).includes('has changed since')));
    expect((await h.bot.services.pocStatus.summary(poc)).standings[2]?.decision).toBeUndefined();
  });
});

describe('reactions in Slack’s order (issue 20)', () => {
  let h: Harness;
  let poc: Poc;
  const { crit, replies } = seededPocChannel((s) => {
    ({ h, poc } = s);
  });
  const send = (type: 'reaction_added' | 'reaction_removed', eventTs: string, n = 1) =>
    h.slack.event(
      reactionEvent(type, {
        user: people.evaluator,
        reaction: 'white_check_mark',
        channel,
        ts: crit(n).messageTs as string,
        eventTs,
      }),
    );

  it('reaction_removed delivered before its reaction_added: no decision stands', async () => {
    await send('reaction_removed', '1763913602.000100');
    await send('reaction_added', '1763913601.000100');
    await new Promise((r) => setTimeout(r, 200));
    expect(await h.bot.store.criteria.votesFor([crit(1).id])).toEqual([]);
    if (onPostgres && replies(1).length > 0) {
      // On PostgreSQL the two events' work overlaps (as on two replicas) and takes the
      // criterion's lock in either order: the ✅ handled first stands until its removal, and
      // the thread then says it was removed. Never a call standing that was taken back.
      await eventually(() => replies(1).length === 2);
      expect(replies(1)[1]).toBe(`Criterion 1 is undecided again: <@${people.evaluator}> removed their PASS.`);
    } else expect(replies(1)).toEqual([]);
    // A later ✅ (newer than the removal) counts.
    await send('reaction_added', '1763913603.000100');
    await eventually(async () => (await h.bot.store.criteria.votesFor([crit(1).id])).length === 1);
  });

  it('a ✅ and its removal decided at the same moment, ten times over: no call stands', async () => {
    // The two decisions started together (as two replicas, or PostgreSQL's overlapping work, make
    // them): whichever takes the criterion first, the removal is the newer event and wins.
    const reaction = (added: boolean, eventTs: string) =>
      h.bot.services.decideCriterion.onReaction({
        teamId: poc.teamId,
        channelId: channel,
        messageTs: crit(1).messageTs as string,
        userId: people.evaluator,
        reaction: 'white_check_mark',
        eventTs,
        added,
      });
    for (let i = 0; i < 10; i++) {
      const added = `${1763913700 + 2 * i}.000100`;
      const removed = `${1763913701 + 2 * i}.000100`;
      const pair =
        i % 2 === 0
          ? [reaction(false, removed), reaction(true, added)]
          : [reaction(true, added), reaction(false, removed)];
      await Promise.all(pair);
      expect(await h.bot.store.criteria.votesFor([crit(1).id]), `round ${i}`).toEqual([]);
    }
  });

  it('an old removal delivered after a newer ✅ does not undo it', async () => {
    await send('reaction_added', '1763913601.000100', 2);
    await send('reaction_removed', '1763913600.000100', 2);
    await send('reaction_added', '1763913605.000100', 2);
    await eventually(() => replies(2).length === 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(await h.bot.store.criteria.votesFor([crit(2).id])).toMatchObject([
      { userId: people.evaluator, result: 'pass', eventTs: '1763913605.000100' },
    ]);
    expect(replies(2)).toHaveLength(1);
  });
});
