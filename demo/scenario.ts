// The demo's story: a two-week PoV with Acme, played against the real app and the local
// Slack-compatible API, with simulated time moved by hand and the scheduler run through tick().
import type { PocDraftInput } from '../src/domain/poc-draft.js';
import { virtualPacer } from '../testkit/pacer.js';
import type { FakeMessage } from '../testkit/fake-slack.js';
import { type Harness, startHarness } from '../testkit/harness.js';
import { blockAction, viewSubmission } from '../testkit/payloads.js';
import { modalState } from '../testkit/poc-modal-state.js';
import {
  checkpointAtRiskAction,
  checkpointOnTrackAction,
  confirmCallAction,
  nudgeActions,
  pocModal,
  readoutPostAction,
  scopeDeferAction,
  scopeShortcut,
} from '../src/slack/ids.js';
import { decodeMeta } from '../src/slack/views/poc-modal-state.js';
import { acmePov, castNames, channels, people, seatCast, zone } from './cast.js';
import { DemoFailure, Driver } from './driver.js';
import { type Entry, Transcript } from './transcript.js';

export interface DemoOptions {
  /** Receives the transcript line by line. */
  write: (line: string) => void;
  /** Also write each message's Block Kit JSON here. */
  outDir?: string;
}

export interface DemoResult {
  entries: Entry[];
  blockFiles: number;
  elapsedMs: number;
}

const pov = channels.pov.id;
const deal = channels.deal.id;
const { priya, marcus, dana, lena, sam } = people;

/** Slack errors that are part of normal life (a second pin of the same scoreboard). */
const harmlessRefusals = new Set(['already_pinned']);

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const h = await startHarness({
    now: '2026-11-27T18:00:00Z',
    config: { logLevel: 'error' },
    dispatcher: { pacer: virtualPacer() },
  });
  const names = castNames(h.fake.botUserId);
  const transcript = new Transcript(names, options.write);
  try {
    seatCast(h.fake);
    transcript.attach(h.fake);
    const d = new Driver({
      harness: h,
      transcript,
      zone,
      channel: pov,
      channelName: names.channel,
      userName: names.user,
    });
    header(options.write);
    await play(h, d, transcript);
    transcript.flush();
    const refused = transcript.refusals.filter((r) => !harmlessRefusals.has(r.error));
    if (refused.length > 0)
      throw new DemoFailure(`Slack refused ${refused.map((r) => `${r.method} (${r.error})`).join(', ')}`);
    const errors = h.logs.filter((l) => / ERROR /.test(l));
    if (errors.length > 0) throw new DemoFailure(`the app logged errors:\n  ${errors.join('\n  ')}`);
    const blockFiles = options.outDir ? transcript.writeBlocks(options.outDir) : 0;
    const elapsedMs = performance.now() - started;
    options.write('');
    options.write(
      `Done: ${transcript.entries.filter((e) => e.who === 'pocbot').length} things posted by pocbot over 16 simulated days, in ${(elapsedMs / 1000).toFixed(1)} s.` +
        (options.outDir
          ? ` Block Kit JSON of ${blockFiles} messages written to ${options.outDir} (paste into https://app.slack.com/block-kit-builder).`
          : ''),
    );
    return { entries: transcript.entries, blockFiles, elapsedMs };
  } catch (err) {
    transcript.flush();
    if (h.logs.length > 0) {
      options.write('\nApp log:');
      for (const line of h.logs) options.write(`  ${line}`);
    }
    throw err;
  } finally {
    await h.stop();
  }
}

function header(write: (line: string) => void): void {
  write('pocbot demo: a two-week proof of value, played against a local Slack-compatible API');
  write('(no Slack account, no network; the real app, its SQLite database and its scheduler, with simulated time)');
  write('');
  write('People');
  for (const p of Object.values(people)) write(`  ${p.realName.padEnd(12)} ${p.role}`);
  write('Channels');
  for (const c of Object.values(channels)) write(`  #${c.name.padEnd(11)} ${c.about}`);
  write(`Times are ${zone}. Jobs run through tick() at 09:31, 13:00 and 17:30 each business day.`);
}

// ── helpers over what the bot posted ─────────────────────────────────────────────────────────

const textOf = (m: FakeMessage) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`;
const keyOf = (m: FakeMessage) => String(m.metadata?.event_payload.key ?? '');

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new DemoFailure(`expected ${what}, but the bot did not post it`);
  return value;
}

function criterionMessage(h: Harness, n: number): FakeMessage {
  return need(
    h.fake.channelMessages(pov).find((m) => m.text.startsWith(`Criterion ${n}:`)),
    `the message for criterion ${n}`,
  );
}

function documentMessage(h: Harness): FakeMessage {
  return need(
    h.fake.channelMessages(pov).find((m) => m.text.startsWith('Success criteria for')),
    'the success-criteria document',
  );
}

/** The scheduled post of this kind (standup, checkpoint) for that day, found by its outbox key. */
function scheduled(h: Harness, kind: 'standup' | 'checkpoint', date: string): FakeMessage {
  return need(
    h.fake.channelMessages(pov).find((m) => keyOf(m).startsWith(`${kind}:`) && keyOf(m).endsWith(`:${date}`)),
    `the ${kind} of ${date}`,
  );
}

const todaysStandup = (h: Harness, date: string) => scheduled(h, 'standup', date);

/** The bot's reply in criterion n's thread that carries the Confirm button of a vendor call. */
function vendorCallReply(h: Harness, n: number): FakeMessage {
  return need(
    h.fake
      .threadReplies(pov, criterionMessage(h, n).ts)
      .find((m) => JSON.stringify(m.blocks ?? []).includes(confirmCallAction)),
    `the vendor call awaiting confirmation on criterion ${n}`,
  );
}

function lastDm(h: Harness, user: string, phrase: string): FakeMessage {
  return need(
    h.fake
      .directMessages(user)
      .filter((m) => textOf(m).includes(phrase))
      .at(-1),
    `a DM to ${user} saying “${phrase}”`,
  );
}

// ── the modal ────────────────────────────────────────────────────────────────────────────────

async function createThroughModal(h: Harness, d: Driver, t: Transcript, input: PocDraftInput): Promise<void> {
  const before = h.fake.views.size;
  await d.command(priya.id, `new ${input.name}`);
  await d.settle(() => h.fake.views.size > before, 'the /poc new modal to open');
  const latest = () => {
    const v = [...h.fake.views.values()].at(-1);
    if (!v) throw new DemoFailure('no modal open');
    const meta = decodeMeta(v.view.private_metadata as string | undefined);
    if (!meta) throw new DemoFailure('the modal carries no metadata');
    return { view: { ...v.view, id: v.id, hash: v.hash }, rows: meta.rows, hash: v.hash };
  };
  let modal = latest();
  // One criterion row to start with; "Add criterion" brings the others, keeping what was typed.
  while (modal.rows.length < input.criteria.length) {
    const res = await h.slack.interaction(
      blockAction({
        user: priya.id,
        teamId: h.fake.teamId,
        actionId: pocModal.addCriterion,
        value: 'add',
        triggerId: h.fake.issueTrigger(),
        view: { ...modal.view, state: { values: modalState(input, modal.rows) } },
      }),
    );
    if (res.status !== 200) throw new DemoFailure(`Add criterion answered HTTP ${res.status}`);
    const previous = modal.hash;
    await d.settle(() => latest().hash !== previous, 'the modal to gain a criterion row');
    modal = latest();
  }
  t.narrate(
    d.now(),
    `Priya fills in the five sections, clicks “Add criterion” ${input.criteria.length - 1} times and submits.`,
  );
  const res = await h.slack.interaction(
    viewSubmission({ user: priya.id, teamId: h.fake.teamId, view: modal.view, values: modalState(input, modal.rows) }),
  );
  if (res.status !== 200 || res.text !== '') throw new DemoFailure(`the modal refused the PoV: ${res.text}`);
  await d.settle(
    () => h.fake.channelMessages(pov).filter((m) => m.text.startsWith('Criterion ')).length === input.criteria.length,
    'the criteria document and the criterion messages',
  );
}

// ── the story ────────────────────────────────────────────────────────────────────────────────

async function businessDay(
  d: Driver,
  t: Transcript,
  date: string,
  title: string,
  during: Record<string, () => Promise<void>> = {},
): Promise<void> {
  t.day(d.at(date, '08:00'), title);
  const ticks = ['09:31', '13:00', '17:30'];
  const moments = [...new Set([...ticks, ...Object.keys(during)])].sort();
  for (const time of moments) {
    d.at(date, time);
    const act = during[time];
    if (act) await act();
    if (ticks.includes(time)) await d.tick();
  }
}

async function play(h: Harness, d: Driver, t: Transcript): Promise<void> {
  // Friday before the start: the criteria are written and signed off.
  t.day(d.at('2026-11-27', '14:05'), 'the Friday before: writing the success criteria');
  await createThroughModal(h, d, t, acmePov);
  d.at('2026-11-27', '15:20');
  await d.say(dana.id, 'Read through with Lena. These match what we agreed on the call. Signing off.', {
    threadTs: documentMessage(h).ts,
    threadLabel: 'success criteria',
  });
  await d.react(dana.id, 'white_check_mark', documentMessage(h), 'the success-criteria document');
  await d.settle(() => h.fake.threadReplies(pov, documentMessage(h).ts).length >= 1, 'the sign-off confirmation');
  d.at('2026-11-27', '17:30');
  await d.tick();

  await businessDay(d, t, '2026-11-30', 'day 1 of 10', {
    '09:45': async () => {
      await d.say(
        lena.id,
        'Welcome aboard everyone! Dana owns the testing on our side; I will bring two analysts for the close pack on week 2.',
      );
    },
    '10:15': async () => {
      await d.say(dana.id, 'Snowflake read-only role is ready. Starting the GL extract load this morning.', {
        threadTs: todaysStandup(h, '2026-11-30').ts,
        threadLabel: 'standup',
      });
      await d.say(sam.id, 'Sam from Acme identity here: I will run the Okta SSO tests once the test tenant is up.', {
        threadTs: todaysStandup(h, '2026-11-30').ts,
        threadLabel: 'standup',
      });
    },
    '11:00': async () => {
      await d.openHome(priya.id);
    },
    '15:45': async () => {
      await d.say(dana.id, 'First full load: 12.1M rows in 11 min 40 s. Run log: https://acme.example/runs/4812', {
        threadTs: criterionMessage(h, 1).ts,
        threadLabel: 'criterion 1',
      });
      await d.react(dana.id, 'white_check_mark', criterionMessage(h, 1), 'criterion 1');
    },
  });

  await businessDay(d, t, '2026-12-01', 'day 2 of 10', {
    '10:05': async () => {
      await d.say(dana.id, 'Dashboards next. Okta test tenant is still waiting on Acme IT.', {
        threadTs: todaysStandup(h, '2026-12-01').ts,
        threadLabel: 'standup',
      });
    },
    '11:20': async () => {
      await d.command(
        priya.id,
        'issue blocker Acme IT has not provisioned the Okta test tenant; SSO testing (criterion 3) is blocked',
      );
    },
    '14:10': async () => {
      const ask = 'Could the close dashboards also pull Salesforce opportunity data? Sales ops would love that.';
      const asked = await d.say(dana.id, ask);
      // Dana cannot run /poc in a Slack Connect channel: Priya logs Dana's own message as the request.
      const body = await d.shortcut(
        priya.id,
        { callbackId: scopeShortcut, label: 'Log as scope request' },
        { ts: asked, user: dana.id, text: ask },
      );
      await d.click(priya.id, { ephemeral: { blocks: body.blocks }, channel: pov }, scopeDeferAction);
      await d.say(
        priya.id,
        'Great idea Dana. Parked for phase 2 so we can keep the Dec 11 date; it is in the readout.',
      );
    },
  });

  await businessDay(d, t, '2026-12-02', 'day 3 of 10', {
    '11:30': async () => {
      await d.say(dana.id, "We're swamped with the audit this week, can we circle back next week?");
    },
  });

  await businessDay(d, t, '2026-12-03', 'day 4 of 10', {
    '14:00': async () => {
      await d.command(priya.id, 'status');
    },
  });

  await businessDay(d, t, '2026-12-04', 'day 5 of 10', {
    '10:00': async () => {
      const nudge = lastDm(h, priya.id, 'The evaluation team has gone quiet');
      await d.click(priya.id, { message: nudge }, nudgeActions.ping);
    },
    '10:05': async () => {
      await d.click(priya.id, { message: scheduled(h, 'checkpoint', '2026-12-04') }, checkpointAtRiskAction);
    },
  });

  await businessDay(d, t, '2026-12-07', 'day 6 of 10');

  await businessDay(d, t, '2026-12-08', 'day 7 of 10', {
    '13:20': async () => {
      await d.say(
        marcus.id,
        'Robert is traveling; I will call him before the end of the day and ask who can cover for Dana this week.',
        { channel: deal },
      );
    },
  });

  await businessDay(d, t, '2026-12-09', 'day 8 of 10', {
    '10:20': async () => {
      await d.say(
        dana.id,
        'Sorry all, audit week. Back on it now: dashboards are loaded and the Okta tenant is finally live.',
        { threadTs: todaysStandup(h, '2026-12-09').ts, threadLabel: 'standup' },
      );
      await d.say(
        dana.id,
        'Load test with 40 users: p95 1.4 s across the 8 dashboards. Report: https://acme.example/perf/112',
        { threadTs: criterionMessage(h, 2).ts, threadLabel: 'criterion 2' },
      );
      await d.react(dana.id, 'white_check_mark', criterionMessage(h, 2), 'criterion 2');
    },
    '11:05': async () => {
      await d.command(priya.id, 'issue resolve 1');
    },
    '15:30': async () => {
      // Priya watched the Okta sign-ins with Sam and calls it: a vendor call, waiting for Acme.
      await d.say(
        priya.id,
        'Watched all 25 pilot users sign in through Okta with their existing groups. Sign-in log: https://acme.example/okta/77',
        { threadTs: criterionMessage(h, 3).ts, threadLabel: 'criterion 3' },
      );
      await d.react(priya.id, 'white_check_mark', criterionMessage(h, 3), 'criterion 3');
    },
  });

  await businessDay(d, t, '2026-12-10', 'day 9 of 10', {
    '09:50': async () => {
      // Sam, on Acme's side, confirms Priya's call with the button under it.
      await d.click(sam.id, { message: vendorCallReply(h, 3) }, confirmCallAction);
    },
    '16:40': async () => {
      await d.say(
        dana.id,
        "Lena's two analysts built the November close pack in 1 day and 2 hours. Close, not quite 1 day.",
        { threadTs: criterionMessage(h, 4).ts, threadLabel: 'criterion 4' },
      );
      await d.react(dana.id, 'large_yellow_circle', criterionMessage(h, 4), 'criterion 4');
      await d.command(priya.id, 'metric 1.2 November close, 2 analysts, first run on the new pipeline');
    },
  });

  await businessDay(d, t, '2026-12-11', 'day 10 of 10: the end date', {
    '15:15': async () => {
      await d.say(
        dana.id,
        'Second run with the saved templates: close pack done in 6.5 hours. Counting this one as a pass.',
        { threadTs: criterionMessage(h, 4).ts, threadLabel: 'criterion 4' },
      );
      await d.react(dana.id, 'large_yellow_circle', criterionMessage(h, 4), 'criterion 4', true);
      await d.react(dana.id, 'white_check_mark', criterionMessage(h, 4), 'criterion 4');
      await d.click(dana.id, { message: scheduled(h, 'checkpoint', '2026-12-11') }, checkpointOnTrackAction);
    },
  });

  t.day(d.at('2026-12-14', '09:31'), 'readout day');
  await d.tick();
  d.at('2026-12-14', '10:00');
  const responsesBefore = h.fake.responses.length;
  await d.command(priya.id, 'readout');
  const preview = need(
    await d.settle(
      () => h.fake.responses.slice(responsesBefore).find((r) => JSON.stringify(r.body).includes(readoutPostAction)),
      'the readout preview',
    ),
    'the readout preview',
  );
  d.at('2026-12-14', '10:04');
  await d.click(priya.id, { ephemeral: { blocks: preview.body.blocks }, channel: pov }, readoutPostAction);
  await d.settle(() => h.fake.files.find((f) => f.channel === pov), 'the readout Markdown file');
  d.at('2026-12-14', '11:30');
  await d.say(lena.id, 'Thank you all. Robert approved the order form this morning.');
  await d.command(priya.id, 'close won Robert Chen approved the order form for 150 seats');
  await d.command(priya.id, 'handoff');
  await d.settle(() => h.fake.files.find((f) => f.channel === `D${priya.id}`), 'the Customer Success hand-off file');
  d.at('2026-12-14', '13:00');
  await d.tick();
}
