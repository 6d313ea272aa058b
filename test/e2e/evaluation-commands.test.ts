// Issue 4: /poc issue, /poc scope and /poc extend store what the rules allow and refuse the rest.
import { describe, expect, it } from 'vitest';
import type { Criterion, Poc } from '../../src/domain/poc.js';
import { buildReadout } from '../../src/domain/readout-model.js';
import { readoutMarkdown } from '../../src/domain/readout-markdown.js';
import {
  extensionApproveAction,
  extensionDeclineAction,
  issueSeverityActions,
  scopeAcceptAction,
  scopeAcceptModal,
  scopeDeferAction,
  scopeShortcut,
} from '../../src/slack/ids.js';
import { people } from '../../testkit/fixtures.js';
import { commandReply, eventually, type Harness } from '../../testkit/harness.js';
import { blockAction, messageShortcut, reactionEvent, viewSubmission } from '../../testkit/payloads.js';
import { channel, clickButton, runCommand, seededPocChannel } from '../helpers/seeded-channel.js';
import { moveEndDate } from '../../src/services/extend.js';

describe('issue, scope and extend commands', () => {
  let h: Harness;
  let poc: Poc;
  let criteria: Criterion[];
  seededPocChannel((s) => {
    ({ h, poc, criteria } = s);
  });

  const run = (text: string, user: string = people.se) => runCommand(h, text, user);
  const click = (actionId: string, value: string, user: string = people.se) => clickButton(h, actionId, value, user);
  const statusText = async () => {
    const { status, reply } = await commandReply(h, { text: 'status', userId: people.se, channelId: channel });
    expect(status).toBe(200);
    return JSON.stringify(reply);
  };
  const lastResponse = () => JSON.stringify(h.fake.responses.at(-1)?.body ?? {});
  const issues = async () => h.bot.store.issues.forPoc(poc.id);
  const requests = async () => h.bot.store.scopeRequests.forPoc(poc.id);

  describe('/poc issue', () => {
    it('logs an issue with the severity given, and resolves it by number once', async () => {
      const res = await run('issue blocker Staging VPN drops every 10 minutes');
      expect(JSON.stringify(res.json)).toContain('Issue #1 logged as *blocker*');
      expect(await issues()).toMatchObject([
        {
          number: 1,
          severity: 'blocker',
          text: 'Staging VPN drops every 10 minutes',
          openedBy: people.se,
          resolvedAt: null,
        },
      ]);

      expect(JSON.stringify((await run('issue resolve 1', people.ae)).json)).toContain('Issue #1 resolved');
      expect((await issues())[0]).toMatchObject({ resolvedBy: people.ae, resolvedAt: '2026-11-23T15:00:00.000Z' });
      expect(JSON.stringify((await run('issue resolve #1')).json)).toContain('already resolved');
      expect(JSON.stringify((await run('issue resolve 9')).json)).toContain('There is no issue #9');
    });

    it('records a workaround for an issue by number (the hand-off lists it); a second replaces the first', async () => {
      await run('issue limitation Export times out over 1 GB');
      const reply = async (text: string, user: string = people.se) => JSON.stringify((await run(text, user)).json);
      expect(await reply('issue workaround #1 Split exports by month')).toContain(
        'Workaround recorded for issue #1 (Export times out over 1 GB): Split exports by month',
      );
      expect((await issues())[0]).toMatchObject({ workaround: 'Split exports by month' });
      expect(await reply('issue workaround 1 Export per quarter instead', people.ae)).toContain(
        'Workaround recorded for issue #1',
      );
      expect((await issues())[0]?.workaround).toBe('Export per quarter instead');
      expect(await reply('issue workaround 9 Anything')).toContain('There is no issue #9');
      expect(await reply('issue workaround 1')).toContain('Say what the workaround for issue #1 is');
      expect(await reply('issue workaround 1 Something', people.bystander)).toContain('Only the SE');
      // "workaround" followed by words is an issue's own text.
      await run('issue workaround banner overlaps the chart');
      expect((await issues()).map((i) => i.text)).toContain('workaround banner overlaps the chart');
      expect((await issues())[0]?.workaround).toBe('Export per quarter instead');
    });

    it('asks for the severity with three buttons when it is not given, and the click sets it', async () => {
      const res = await run('issue Export button overlaps the legend');
      const body = JSON.stringify(res.json);
      expect(body).toContain(issueSeverityActions.blocker);
      expect(body).toContain(issueSeverityActions.limitation);
      expect(body).toContain(issueSeverityActions.cosmetic);
      const issue = (await issues())[0];
      expect(issue?.severity).toBeNull();

      await click(issueSeverityActions.cosmetic, String(issue?.id));
      await eventually(async () => (await issues())[0]?.severity === 'cosmetic');
      await eventually(() => h.fake.responses.length === 1);
      expect(h.fake.responses[0]?.body).toMatchObject({ replace_original: true });
      expect(lastResponse()).toContain('Issue #1 logged as *Cosmetic*');
    });

    it('refuses anyone but the SE or AE, for the command and for the buttons', async () => {
      const res = await run('issue blocker It is all broken', people.bystander);
      expect(JSON.stringify(res.json)).toContain(
        `Only the SE (<@${people.se}>) or the AE (<@${people.ae}>) can log issues`,
      );
      expect(await issues()).toEqual([]);

      await run('issue Legend overlaps');
      const id = String((await issues())[0]?.id);
      await click(issueSeverityActions.blocker, id, people.bystander);
      await eventually(() => h.fake.responses.length === 1);
      expect(lastResponse()).toContain('Only the SE');
      expect((await issues())[0]?.severity).toBeNull();
    });

    it('flags a blocker in status only once it has been open more than 2 business days', async () => {
      await run('issue blocker Staging VPN drops'); // Monday Nov 23
      h.clock.set('2026-11-25T15:00:00Z'); // Wednesday: 2 business days
      expect(await statusText()).not.toContain('open more than 2 business days');
      h.clock.set('2026-11-26T15:00:00Z'); // Thursday: 3 business days
      expect(await statusText()).toContain('open more than 2 business days');
    });

    it('answers usage for an empty issue and a resolve without a number', async () => {
      expect(JSON.stringify((await run('issue')).json)).toContain('Usage: `/poc issue');
      expect(JSON.stringify((await run('issue resolve')).json)).toContain('Which issue?');
      expect(await issues()).toEqual([]);
    });
  });

  describe('/poc scope', () => {
    it('logs a request and defers it to a later phase on a click', async () => {
      const res = await run('scope Also support SAML with the legacy IdP');
      const body = JSON.stringify(res.json);
      expect(body).toContain(scopeDeferAction);
      expect(body).toContain('Accept (needs new end date or a dropped criterion)');
      expect(await requests()).toMatchObject([
        { text: 'Also support SAML with the legacy IdP', decision: 'pending', requestedBy: people.se },
      ]);

      await click(scopeDeferAction, String((await requests())[0]?.id));
      await eventually(async () => (await requests())[0]?.decision === 'deferred');
      expect((await requests())[0]).toMatchObject({ decidedBy: people.se });
      await eventually(() => h.fake.responses.length === 1);
      expect(lastResponse()).toContain('deferred to a later phase');
    });

    it('a click that fails inside (the database) is answered with a retry note, one ERROR line, the request still pending', async () => {
      await run('scope Also support SAML with the legacy IdP');
      h.bot.store.scopeRequests.decide = () => {
        throw new Error('database is locked');
      };
      const before = h.logs.length;
      await click(scopeDeferAction, String((await requests())[0]?.id));
      await eventually(() => h.fake.responses.length === 1);
      expect(lastResponse()).toContain('Sorry, that did not work. Please try again in a moment.');
      expect(h.logs.slice(before).filter((l) => / (WARN|ERROR) /.test(l))).toEqual([
        expect.stringMatching(new RegExp(`ERROR .*${scopeDeferAction} failed: database is locked`)),
      ]);
      expect((await requests())[0]?.decision).toBe('pending');
    });

    const shortcut = (
      user: string,
      message: { ts: string; user?: string; bot_id?: string; text?: string },
      responseUrl = h.fake.responseUrl(),
    ) =>
      h.slack.interaction(
        messageShortcut({
          user,
          teamId: h.fake.teamId,
          callbackId: scopeShortcut,
          channel,
          message,
          triggerId: h.fake.issueTrigger(),
          responseUrl,
        }),
      );

    it("logs a customer's message as their request from the message shortcut, for the SE to decide", async () => {
      const res = await shortcut(people.se, {
        ts: '1795446000.000100',
        user: people.evaluator,
        text: 'Could it also read from our Oracle warehouse?',
      });
      expect(res.status).toBe(200);
      await eventually(async () => (await requests()).length === 1 && h.fake.responses.length === 1);
      expect(await requests()).toMatchObject([
        { text: 'Could it also read from our Oracle warehouse?', requestedBy: people.evaluator, decision: 'pending' },
      ]);
      expect(lastResponse()).toContain(`from <@${people.evaluator}> logged by <@${people.se}>`);
      expect(lastResponse()).toContain(scopeDeferAction);

      // Logged by the champion (who cannot decide): the SE is asked, privately, with the buttons.
      await shortcut(people.champion, {
        ts: '1795446001.000100',
        user: people.evaluator,
        text: 'And a Tableau connector',
      });
      await eventually(async () => (await requests()).length === 2 && h.fake.ephemerals.length === 1);
      expect(h.fake.ephemerals[0]).toMatchObject({ channel, user: people.se });
      expect(JSON.stringify(h.fake.ephemerals[0]?.blocks)).toContain(scopeDeferAction);
      expect((await requests())[1]).toMatchObject({ requestedBy: people.evaluator, text: 'And a Tableau connector' });

      // A bot's message, or one without text, is refused with a reason and logs nothing.
      await shortcut(people.se, { ts: '1795446002.000100', bot_id: 'B0OTHER', text: 'Deploy finished' });
      await shortcut(people.se, { ts: '1795446003.000100', user: people.evaluator, text: '  ' });
      await eventually(() => h.fake.responses.length === 4);
      expect(JSON.stringify(h.fake.responses.slice(-2))).toContain('Only a person’s message');
      expect(JSON.stringify(h.fake.responses.slice(-2))).toContain('no text to log');
      expect(await requests()).toHaveLength(2);
    });

    it('a shortcut whose response_url takes no reply still logs the request and asks the SE (one WARN line)', async () => {
      const gone = h.fake.responseUrl('gone').replace('/response/', '/expired/');
      await shortcut(
        people.champion,
        { ts: '1795446001.000100', user: people.evaluator, text: 'And a Tableau connector' },
        gone,
      );
      await eventually(async () => (await requests()).length === 1 && h.fake.ephemerals.length === 1);
      expect(h.fake.ephemerals[0]).toMatchObject({ channel, user: people.se });
      await eventually(() =>
        h.logs.some((l) => /WARN .*the reply could not be delivered through response_url/.test(l)),
      );
      expect(h.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
    });

    it('accepts only with a new end date or a dropped criterion: scope never grows for free', async () => {
      await run('scope Add a Tableau connector');
      const id = (await requests())[0]?.id as number;
      await click(scopeAcceptAction, String(id));
      const modal = await eventually(() => [...h.fake.views.values()][0]);
      expect(modal.view.callback_id).toBe(scopeAcceptModal.callbackId);

      const submit = (values: Record<string, Record<string, unknown>>) =>
        h.slack.interaction(
          viewSubmission({ user: people.se, teamId: h.fake.teamId, view: { ...modal.view, id: modal.id }, values }),
        );
      const empty = await submit({
        [scopeAcceptModal.newEndBlock]: {
          [scopeAcceptModal.newEndAction]: { type: 'datepicker', selected_date: null },
        },
        [scopeAcceptModal.dropBlock]: {
          [scopeAcceptModal.dropAction]: { type: 'static_select', selected_option: null },
        },
      });
      expect(empty.json).toMatchObject({
        response_action: 'errors',
        errors: { [scopeAcceptModal.newEndBlock]: expect.stringContaining('scope never grows for free') },
      });
      const earlier = await submit({
        [scopeAcceptModal.newEndBlock]: {
          [scopeAcceptModal.newEndAction]: { type: 'datepicker', selected_date: '2026-12-01' },
        },
      });
      expect(JSON.stringify(earlier.json)).toContain('must be after the current one');
      expect((await requests())[0]?.decision).toBe('pending');

      const dropped = criteria[4] as Criterion;
      const ok = await submit({
        [scopeAcceptModal.newEndBlock]: {
          [scopeAcceptModal.newEndAction]: { type: 'datepicker', selected_date: null },
        },
        [scopeAcceptModal.dropBlock]: {
          [scopeAcceptModal.dropAction]: { type: 'static_select', selected_option: { value: String(dropped.id) } },
        },
      });
      expect(ok.status).toBe(200);
      expect(ok.json).toBeUndefined();
      expect((await requests())[0]).toMatchObject({
        decision: 'accepted',
        droppedCriterionId: dropped.id,
        newEndDate: null,
      });
      expect(await h.bot.store.criteria.listActive(poc.id)).toHaveLength(4);
      expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-04');
      await eventually(() => h.fake.channelMessages(channel).some((m) => m.text.includes('criterion 5 dropped')));
      // The scoreboard followed: four criteria now.
      const boardTs = await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.scoreboardTs ?? undefined);
      const board = h.fake.findMessage(channel, boardTs);
      expect(JSON.stringify(board?.blocks)).toContain('0 of 4 decided');

      // A second click on the old prompt changes nothing.
      await click(scopeAcceptAction, String(id));
      await eventually(() => h.fake.responses.some((r) => JSON.stringify(r.body).includes('already accepted')));
    });

    it("after an accepted request the dropped criterion's message is struck through and the pinned document shows what stands", async () => {
      const dropped = criteria[4] as Criterion;
      h.fake.addMessage({ channel, ts: poc.documentTs as string, text: 'Success criteria' });
      h.fake.addMessage({ channel, ts: dropped.messageTs as string, text: `Criterion 5: ${dropped.statement}` });
      await run('scope Add a Tableau connector');
      const id = (await requests())[0]?.id as number;
      const accepted = await h.bot.services.scope.accept({
        teamId: h.fake.teamId,
        userId: people.se,
        requestId: id,
        newEndDate: '2026-12-11',
        dropCriterionId: dropped.id,
      });
      if (!accepted.ok) throw new Error(accepted.message);
      await accepted.announce();
      const struck = h.fake.findMessage(channel, dropped.messageTs as string);
      expect(JSON.stringify(struck?.blocks)).toContain('reactions here no longer count');
      const doc = JSON.stringify(h.fake.findMessage(channel, poc.documentTs as string)?.blocks);
      expect(doc).toContain('2026-12-11');
      expect(doc).not.toContain(dropped.statement);
    });

    it('accepts with a new end date, moving the readout too', async () => {
      await run('scope Load the 2019 archive as well');
      const id = (await requests())[0]?.id as number;
      await click(scopeAcceptAction, String(id));
      const modal = await eventually(() => [...h.fake.views.values()][0]);
      await h.slack.interaction(
        viewSubmission({
          user: people.ae,
          teamId: h.fake.teamId,
          view: { ...modal.view, id: modal.id },
          values: {
            [scopeAcceptModal.newEndBlock]: {
              [scopeAcceptModal.newEndAction]: { type: 'datepicker', selected_date: '2026-12-11' },
            },
          },
        }),
      );
      expect((await requests())[0]).toMatchObject({
        decision: 'accepted',
        newEndDate: '2026-12-11',
        decidedBy: people.ae,
      });
      expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({ endDate: '2026-12-11', readoutDate: '2026-12-11' });
      // The time it bought is an extension: the readout shows the end as planned and where it went.
      expect(await h.bot.store.extensions.forPoc(poc.id)).toMatchObject([
        {
          previousEndDate: '2026-12-04',
          newEndDate: '2026-12-11',
          reason: `Scope request #${id} accepted: Load the 2019 archive as well`,
          criterionPositions: [],
          requestedBy: people.ae,
        },
      ]);
      const moved = (await h.bot.store.pocs.byId(poc.id)) as Poc;
      const md = readoutMarkdown(buildReadout(await h.bot.services.readout.sources(moved), h.clock.now()), new Map());
      expect(md).toContain('- End: planned 2026-12-04, actual 2026-12-11 (7 days later than planned)');
      expect(md).toContain(
        `- Taken in during the evaluation: Load the 2019 archive as well (asked by @${people.se}), in exchange for the end date moved to 2026-12-11`,
      );
    });

    it('time given for scope after the end date takes a POC in readout back to active, as /poc extend does', async () => {
      await run('scope One more data source');
      const id = (await requests())[0]?.id as number;
      await h.bot.store.pocs.update(poc.id, { stage: 'readout' });
      const accepted = await h.bot.services.scope.accept({
        teamId: h.fake.teamId,
        userId: people.se,
        requestId: id,
        newEndDate: '2026-12-18',
        dropCriterionId: undefined,
      });
      expect(accepted.ok).toBe(true);
      expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({ stage: 'active', endDate: '2026-12-18' });
    });

    it('time given for scope follows the extension rules: not past 8 weeks, and a second move only by the AE', async () => {
      await run('scope One more data source');
      const id = (await requests())[0]?.id as number;
      const accept = async (userId: string, newEndDate: string) =>
        h.bot.services.scope.accept({
          teamId: h.fake.teamId,
          userId,
          requestId: id,
          newEndDate,
          dropCriterionId: undefined,
        });
      expect(await accept(people.se, '2027-01-19')).toMatchObject({
        ok: false,
        field: 'newEndDate',
        message: expect.stringContaining('8-week limit'),
      });
      await h.bot.store.transaction(async () =>
        moveEndDate(h.bot.store, poc, {
          newEndDate: '2026-12-11',
          reason: '#2 staging data',
          criterionPositions: [2],
          by: people.se,
          at: '2026-11-23T15:00:00.000Z',
        }),
      );
      expect(await accept(people.se, '2026-12-18')).toMatchObject({
        ok: false,
        field: 'newEndDate',
        message: expect.stringContaining("needs the AE's approval"),
      });
      expect(await accept(people.ae, '2026-12-18')).toMatchObject({ ok: true });
      expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-18');
    });

    it('lets anyone log a request but only the SE or AE decide it; the SE is asked privately', async () => {
      const res = await run('scope Mobile app too', people.bystander);
      expect(JSON.stringify(res.json)).toContain(`The SE <@${people.se}> decides`);
      await eventually(() => h.fake.ephemerals.find((e) => e.user === people.se));
      expect(JSON.stringify(h.fake.ephemerals[0]?.blocks)).toContain(scopeDeferAction);

      await click(scopeDeferAction, String((await requests())[0]?.id), people.bystander);
      await eventually(() => h.fake.responses.length === 1);
      expect(lastResponse()).toContain('Only the SE');
      expect((await requests())[0]?.decision).toBe('pending');
    });
  });

  describe('/poc extend', () => {
    /** Runs the command and waits for its own reply through response_url. */
    const extend = async (text: string, user: string = people.se): Promise<string> => {
      const before = h.fake.responses.length;
      await run(text, user);
      await eventually(() => h.fake.responses.length > before);
      return String(h.fake.responses.at(-1)?.body.text);
    };

    it('refuses “we need more time” with the rule and changes nothing', async () => {
      const text = await extend('extend 2026-12-11 we need more time');
      expect(text).toContain('Not extended');
      expect(text).toContain('names the undecided criteria');
      expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-04');
      expect(await h.bot.store.extensions.forPoc(poc.id)).toEqual([]);
    });

    it('extends for named undecided criteria, records it and moves the readout when it would fall before the new end', async () => {
      expect(await extend('extend 2026-12-11 criteria 2 and 4 need the staging data')).toContain(
        'Done. End date moved from 2026-12-04 to 2026-12-11',
      );
      expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({ endDate: '2026-12-11', readoutDate: '2026-12-11' });
      expect(await h.bot.store.extensions.forPoc(poc.id)).toMatchObject([
        {
          previousEndDate: '2026-12-04',
          newEndDate: '2026-12-11',
          criterionPositions: [2, 4],
          requestedBy: people.se,
          reason: 'criteria 2 and 4 need the staging data',
        },
      ]);
      await eventually(() =>
        h.fake.channelMessages(channel).some((m) => m.text.includes('End date moved from 2026-12-04 to 2026-12-11')),
      );
    });

    it('redraws the pinned criteria document with the new end date', async () => {
      h.fake.addMessage({ channel, ts: poc.documentTs as string, text: 'Success criteria' });
      expect(await extend('extend 2026-12-11 criterion 2 needs the staging data')).toContain('Done. End date moved');
      const doc = await eventually(() => h.fake.findMessage(channel, poc.documentTs as string)?.blocks);
      expect(JSON.stringify(doc)).toContain('2026-11-23 → 2026-12-11');
    });

    it('a reply the response_url will not take is logged once; the extension stands and nobody is told it failed', async () => {
      // Slack answers 404 to a response_url that has expired (or was used up).
      const gone = `${h.fake.responseUrl().replace(/\/response\/.*$/, '')}/expired-response-url`;
      const res = await h.slack.command({
        text: 'extend 2026-12-11 criterion 2 needs the staging data',
        userId: people.se,
        channelId: channel,
        responseUrl: gone,
      });
      expect(res.status).toBe(200);
      await eventually(() =>
        h.logs.some((l) => /WARN .*\/poc extend: the reply could not be delivered through response_url/.test(l)),
      );
      expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-11');
      expect(h.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
      expect(h.logs.filter((l) => /reply could not be delivered/.test(l))).toHaveLength(1);
    });

    it('refuses a decided criterion as the reason, a past or earlier date, and anyone but the SE or AE', async () => {
      await h.slack.event(
        reactionEvent('reaction_added', {
          user: people.evaluator,
          reaction: 'white_check_mark',
          channel,
          ts: criteria[2]?.messageTs as string,
        }),
      );
      await eventually(async () => (await h.bot.store.criteria.votesFor([criteria[2]?.id as number])).length === 1);
      expect(await extend('extend 2026-12-18 #3 needs more data')).toContain('Criterion 3 (PASS) is already decided');

      expect(await extend('extend 2026-12-01 criterion 2 blocked')).toContain('must be after the current one');
      expect(await extend('extend 2026-13-45 criterion 2 blocked')).toContain('is not a date');

      expect(await extend('extend 2026-12-11 criterion 2 blocked', people.bystander)).toContain('Only the SE');
      expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-04');
      expect(await h.bot.store.extensions.forPoc(poc.id)).toEqual([]);
    });

    it('refuses a date past 8 weeks from the start, naming the limit; nothing moves', async () => {
      const text = await extend('extend 2027-01-19 criterion 2 needs the staging data');
      expect(text).toContain(
        'Not extended. 2027-01-19 is past the 8-week limit. A POC runs at most 8 weeks: from its start on 2026-11-23, the end date can move to 2027-01-18 at the latest.',
      );
      expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-04');
      expect(await h.bot.store.extensions.forPoc(poc.id)).toEqual([]);
    });

    it('a second extension waits for the AE’s approval by DM; nothing moves until they approve; every move is in the readout’s calendar with who and why', async () => {
      expect(await extend('extend 2026-12-11 criterion 2 needs the staging data')).toContain(
        'Done. End date moved from 2026-12-04 to 2026-12-11',
      );
      const asked = await extend('extend 2026-12-18 criterion 4 is blocked on the Okta tenant');
      expect(asked).toContain("Not extended yet. This would be extension 2 of this POC, so it needs the AE's approval");
      expect(asked).toContain(`I asked <@${people.ae}> by DM`);
      expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-11');
      const dm = await eventually(() =>
        h.fake.directMessages(people.ae).find((m) => JSON.stringify(m.blocks).includes(extensionApproveAction)),
      );
      expect(JSON.stringify(dm.blocks)).toContain('criterion 4 is blocked on the Okta tenant');
      const pending = (await h.bot.store.extensions.forPoc(poc.id)).find((x) => x.status === 'awaiting_approval');
      if (!pending) throw new Error('no pending extension');
      // A third ask while one waits is refused.
      expect(await extend('extend 2026-12-23 criterion 5 too')).toContain('already waits for');

      // Only the AE decides: the SE's click changes nothing.
      await clickButton(h, extensionApproveAction, String(pending.id), people.se, dm.channel);
      await eventually(() => lastResponse().includes('Only the AE'));
      expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-11');

      await h.slack.interaction(
        blockAction({
          user: people.ae,
          teamId: h.fake.teamId,
          actionId: extensionApproveAction,
          value: String(pending.id),
          channel: dm.channel,
          messageTs: dm.ts,
          triggerId: h.fake.issueTrigger(),
          responseUrl: h.fake.responseUrl(),
        }),
      );
      await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.endDate === '2026-12-18');
      expect((await h.bot.store.extensions.forPoc(poc.id)).map((x) => [x.status, x.decidedBy])).toEqual([
        ['granted', people.se],
        ['granted', people.ae],
      ]);
      await eventually(() =>
        h.fake.channelMessages(channel).some((m) => m.text.includes(`approved by <@${people.ae}>`)),
      );
      await eventually(
        () => !JSON.stringify(h.fake.findMessage(dm.channel, dm.ts)?.blocks).includes(extensionApproveAction),
      );
      await eventually(() =>
        h.fake.directMessages(people.se).some((m) => m.text.includes(`<@${people.ae}> approved the extension`)),
      );

      const moved = (await h.bot.store.pocs.byId(poc.id)) as Poc;
      const md = readoutMarkdown(buildReadout(await h.bot.services.readout.sources(moved), h.clock.now()), new Map());
      expect(md).toContain(
        `- End date 2026-12-04 → 2026-12-11 on 2026-11-23 for #2, moved by @${people.se}: criterion 2 needs the staging data`,
      );
      expect(md).toContain(
        `- Readout date 2026-12-07 → 2026-12-11 on 2026-11-23 for #2, moved by @${people.se}: criterion 2 needs the staging data`,
      );
      expect(md).toContain(
        `- End date 2026-12-11 → 2026-12-18 on 2026-11-23 for #4, moved by @${people.se}, approved by @${people.ae}: criterion 4 is blocked on the Okta tenant`,
      );
      expect(md).toContain('- End: planned 2026-12-04, actual 2026-12-18 (14 days later than planned)');
    });

    it('the AE declines a second extension: nothing moves, the asker is told, the readout says it was declined', async () => {
      await extend('extend 2026-12-11 criterion 2 needs the staging data');
      await extend('extend 2026-12-18 criterion 4 is blocked');
      const pending = (await h.bot.store.extensions.forPoc(poc.id)).find((x) => x.status === 'awaiting_approval');
      if (!pending) throw new Error('no pending extension');
      await clickButton(h, extensionDeclineAction, String(pending.id), people.ae, `D${people.ae}`);
      await eventually(async () => (await h.bot.store.extensions.byId(pending.id))?.status === 'declined');
      expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-11');
      await eventually(() => h.fake.directMessages(people.se).some((m) => m.text.includes('declined the extension')));
      const md = readoutMarkdown(
        buildReadout(await h.bot.services.readout.sources((await h.bot.store.pocs.byId(poc.id)) as Poc), h.clock.now()),
        new Map(),
      );
      expect(md).toContain(
        `- Extension asked to 2026-12-18 by @${people.se} (declined by @${people.ae}; the dates did not move): criterion 4 is blocked`,
      );
    });

    it('the AE asking for a second extension needs nobody’s approval', async () => {
      await extend('extend 2026-12-11 criterion 2 needs the staging data');
      expect(await extend('extend 2026-12-18 criterion 4 is blocked', people.ae)).toContain(
        'Done. End date moved from 2026-12-11 to 2026-12-18',
      );
    });

    it('answers usage when the reason is missing', async () => {
      const res = await run('extend 2026-12-11');
      expect(JSON.stringify(res.json)).toContain('Usage: `/poc extend');
    });
  });
});
