// Bad input at the HTTP/Bolt layer: every request gets a clean answer and one log line, and the
// app keeps serving. Payloads are correctly signed unless a test says otherwise, so they get
// past the signature check and reach the code that must not trip over them.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { subcommandList } from '../../src/slack/listeners/commands/router.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { blockKitProblems } from '../../testkit/block-kit-rules.js';
import { commandReply, eventually, type Harness, startHarness } from '../../testkit/harness.js';
import { blockAction, messageEvent, reactionEvent, viewSubmission } from '../../testkit/payloads.js';
import { type SentResponse, signature } from '../../testkit/signed-requests.js';

/** Rows in a table, on SQLite or PostgreSQL. */
const countOf = async (h: Harness, table: string) =>
  (await h.bot.database.query<{ n: number }>(`select count(*) as n from ${table}`))[0]?.n;

const json = 'application/json';
const form = 'application/x-www-form-urlencoded';
const nowSec = (): number => Math.floor(Date.now() / 1000);
const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** Sends, then returns the answer with the log lines the request caused. */
async function withLogs(
  h: Harness,
  send: () => Promise<SentResponse>,
): Promise<{ res: SentResponse; lines: string[] }> {
  const before = h.logs.length;
  const res = await send();
  await settle(30);
  return { res, lines: h.logs.slice(before) };
}

const errorsIn = (lines: string[]) => lines.filter((l) => / (ERROR|WARN) /.test(l));

async function stillServing(h: Harness): Promise<void> {
  const health = await fetch(`${h.appUrl}/healthz`);
  expect(health.status).toBe(200);
  const help = await h.slack.command({ text: 'help', userId: people.se, channelId: 'C0ACME' });
  expect(help.status).toBe(200);
  expect(JSON.stringify(help.json)).toContain('/poc help');
}

describe('malformed and truncated payloads, correctly signed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a truncated JSON event gets 400 and one line, and the app keeps serving', async () => {
    const { body } = h.slack.eventBody(
      reactionEvent('reaction_added', { user: people.evaluator, reaction: 'x', channel: 'C0ACME', ts: '1.1' }),
    );
    const { res, lines } = await withLogs(h, () => h.slack.send(body.slice(0, body.length / 2), json));
    expect(res.status).toBe(400);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN .*Malformed request body/);
    await stillServing(h);
  });

  it('a body of JSON null gets 400 and one line (Bolt alone throws outside its handlers and never answers)', async () => {
    const { res, lines } = await withLogs(h, () => h.slack.send('null', json));
    expect(res.status).toBe(400);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN .*not a JSON object/);
    const asForm = await withLogs(h, () => h.slack.send('payload=null', form));
    expect(asForm.res.status).toBe(400);
    expect(asForm.lines).toHaveLength(1);
    await stillServing(h);
  });

  it('any other JSON that is not an object gets the same 400, wherever the payload field is', async () => {
    for (const [body, type] of [
      ['  [1, 2]', json],
      ['\n"text"', json],
      ['token=x&payload=%5B%5D', form],
      ['token=x&payload=42', form],
    ] as const) {
      const { res, lines } = await withLogs(h, () => h.slack.send(body, type));
      expect(res.status, body).toBe(400);
      expect(lines[0], body).toMatch(/WARN .*not a JSON object/);
    }
    // A field whose name only ends in "payload" is not the payload: an ordinary form.
    const { res } = await withLogs(h, () => h.slack.send('notpayload=%5B%5D', form));
    expect(res.status).toBe(200);
    await stillServing(h);
  });

  it('a JSON null that is not correctly signed still gets 401, not 400', async () => {
    const ts = nowSec();
    const res = await h.slack.send('null', json, { timestamp: ts, signature: signature('wrong-secret', ts, 'null') });
    expect(res.status).toBe(401);
  });

  it('an event envelope whose event is null gets 400 and one warning, not a 500 and an error', async () => {
    const body = JSON.stringify({ type: 'event_callback', team_id: h.fake.teamId, event: null, event_id: 'EvNULL1' });
    const { res, lines } = await withLogs(h, () => h.slack.send(body, json));
    expect(res.status).toBe(400);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN .*malformed Slack payload/);
    await stillServing(h);
  });

  it('a view_submission without its view gets 400 and one warning', async () => {
    const payload = { type: 'view_submission', team: { id: h.fake.teamId }, user: { id: people.se } };
    const { res, lines } = await withLogs(h, () => h.slack.interaction(payload));
    expect(res.status).toBe(400);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN /);
  });

  it('an event whose type is not a string, or a click whose action_id is not, gets 200 and one WARN line, no ERROR', async () => {
    const event = await withLogs(h, () => h.slack.event({ type: 123, user: people.se, channel: 'C0ACME' }));
    expect(event.res.status).toBe(200);
    expect(event.lines).toEqual([
      expect.stringMatching(/ WARN .*ignored a malformed Slack payload \(event\.type is not a string\)/),
    ]);
    const click = blockAction({
      user: people.se,
      teamId: h.fake.teamId,
      actionId: 'x',
      value: 'v',
      channel: 'C0ACME',
      triggerId: h.fake.issueTrigger(),
      responseUrl: h.fake.responseUrl(),
    });
    (click.actions as Array<Record<string, unknown>>)[0] = {
      ...(click.actions as Array<Record<string, unknown>>)[0],
      action_id: 42,
    };
    const action = await withLogs(h, () => h.slack.interaction(click));
    expect(action.res.status).toBe(200);
    expect(action.lines).toEqual([
      expect.stringMatching(/ WARN .*ignored a malformed Slack payload \(actions\[\]\.action_id is not a string\)/),
    ]);
    await stillServing(h);
  });

  it('a truncated slash command (no command field) is answered at once with 200 and one line', async () => {
    const body = h.slack.commandBody({ text: 'status', userId: people.se, channelId: 'C0ACME' });
    const cut = body.slice(0, body.indexOf('&command='));
    const { res, lines } = await withLogs(h, () => h.slack.send(cut, form));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN .*ignored a Slack payload of no known kind/);
  });

  it('an empty JSON object is answered at once with 200 and one line', async () => {
    const { res, lines } = await withLogs(h, () => h.slack.send('{}', json));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    expect(lines).toHaveLength(1);
  });

  it('a view_submission with an unknown callback_id gets an empty 200 at once and one line', async () => {
    const view = { id: 'V0UNKNOWN', type: 'modal', callback_id: 'no_such_modal', private_metadata: '', blocks: [] };
    const payload = viewSubmission({ user: people.se, teamId: h.fake.teamId, view, values: {} });
    const { res, lines } = await withLogs(h, () => h.slack.interaction(payload));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.ms).toBeLessThan(1000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN .*no listener answered view_submission callback_id=no_such_modal/);
  });

  it('writes nothing late: Bolt’s 3 s no-ack timer never fires for the requests above', async () => {
    const before = h.logs.length;
    await settle(3200);
    expect(h.logs.slice(before)).toEqual([]);
    expect(h.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
    await stillServing(h);
  });
});

describe('request timestamps', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('refuses a correctly signed request stamped more than 5 minutes in the future with 401, and runs nothing', async () => {
    const { res, lines } = await withLogs(h, () =>
      h.slack.command({ text: 'help', userId: people.se, channelId: 'C0ACME' }, { timestamp: nowSec() + 5 * 60 + 30 }),
    );
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN .*in the future/);
    const before = await countOf(h, 'inbox');
    const event = await h.slack.event(
      messageEvent({ user: people.se, channel: 'C0ACME', text: 'hi', ts: '1763910500.000100' }),
      {
        timestamp: nowSec() + 10 * 60,
      },
    );
    expect(event.status).toBe(401);
    const after = await countOf(h, 'inbox');
    expect(after).toBe(before);
  });

  it('accepts a request stamped a little in the future (clock skew within 5 minutes)', async () => {
    const res = await h.slack.command(
      { text: 'help', userId: people.se, channelId: 'C0ACME' },
      { timestamp: nowSec() + 4 * 60 },
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain('/poc help');
  });
});

describe('events the app has no business with', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    for (const id of Object.values(people))
      h.fake.addUser({ id, team_id: id.startsWith('W') ? 'T0ACME' : h.fake.teamId });
  });
  afterEach(async () => {
    await h.stop();
  });

  const activityRows = (hh: Harness) => countOf(hh, 'activity');

  it('ignores an event type it does not know: 200, no Slack call, no warning', async () => {
    const callsBefore = h.fake.calls.length;
    const { res, lines } = await withLogs(h, () =>
      h.slack.event({
        type: 'something_slack_adds_next_year',
        user: people.se,
        channel: 'C0ACME',
        event_ts: '1763910500.000100',
      }),
    );
    expect(res.status).toBe(200);
    await settle();
    expect(errorsIn(lines)).toEqual([]);
    expect(h.fake.calls.slice(callsBefore)).toEqual([]);
    await stillServing(h);
  });

  it('ignores reactions and messages in a channel without a POC: nothing posted, nothing recorded', async () => {
    await seedPoc(h.bot.store); // in C0ACME; the events below are in C0ELSEWHERE
    const callsBefore = h.fake.calls.length;
    const before = h.logs.length;
    const sent = [
      await h.slack.event(
        reactionEvent('reaction_added', {
          user: people.evaluator,
          reaction: 'white_check_mark',
          channel: 'C0ELSEWHERE',
          ts: '1763910001.000100',
        }),
      ),
      await h.slack.event(
        reactionEvent('reaction_removed', {
          user: people.evaluator,
          reaction: 'white_check_mark',
          channel: 'C0ELSEWHERE',
          ts: '1763910001.000100',
        }),
      ),
      await h.slack.event(
        messageEvent({
          user: people.evaluator,
          channel: 'C0ELSEWHERE',
          text: 'done, it passed',
          ts: '1763910600.000100',
          threadTs: '1763910001.000100',
        }),
      ),
      await h.slack.event(
        messageEvent({ user: people.evaluator, channel: 'C0ELSEWHERE', text: 'hello', ts: '1763910700.000100' }),
      ),
    ];
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await settle(300);
    expect(errorsIn(h.logs.slice(before))).toEqual([]);
    expect(h.fake.calls.slice(callsBefore).filter((c) => c.method !== 'users.info')).toEqual([]);
    expect(await activityRows(h)).toBe(0);
  });

  it('a reaction from a user_id not in the workspace does not crash anything', async () => {
    const { criteria } = await seedPoc(h.bot.store);
    const first = criteria[0];
    if (!first?.messageTs) throw new Error('seedPoc made no posted criteria');
    const before = h.logs.length;
    const res = await h.slack.event(
      reactionEvent('reaction_added', {
        user: 'U0GHOST',
        reaction: 'white_check_mark',
        channel: 'C0ACME',
        ts: first.messageTs,
      }),
    );
    expect(res.status).toBe(200);
    await settle(300);
    expect(h.logs.slice(before).filter((l) => / ERROR /.test(l))).toEqual([]);
    await stillServing(h);
  });

  it('a slash command from a user_id not in the workspace gets a clean reply', async () => {
    await seedPoc(h.bot.store);
    const before = h.logs.length;
    for (const text of ['help', 'status', '']) {
      const res = await h.slack.command({ text, userId: 'U0GHOST', channelId: 'C0ACME' });
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(3000);
    }
    await settle(300);
    expect(h.logs.slice(before).filter((l) => / ERROR /.test(l))).toEqual([]);
  });
});

const long = 'x'.repeat(10_000);
const emoji = '👩🏽‍💻 ✅❌🟡 🇯🇵 '.repeat(400).slice(0, 10_000);
const rtl = 'اختبار الأداء ‏שלום עולם‎ '.repeat(400).slice(0, 10_000);

describe('long, emoji and right-to-left text in a slash command', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const id of Object.values(people)) h.fake.addUser({ id, team_id: h.fake.teamId });
    await seedPoc(h.bot.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers a 10,000-character first word with a short reply (the unknown word is not echoed in full)', async () => {
    const res = await h.slack.command({ text: long, userId: people.se, channelId: 'C0ACME' });
    expect(res.status).toBe(200);
    const text = (res.json as { text?: string }).text ?? '';
    expect(text).toContain('I don’t know');
    expect(text.length).toBeLessThan(3000);
  });

  it('cuts an echoed emoji word on a character boundary (no lone surrogate halves)', async () => {
    const res = await h.slack.command({ text: '😀'.repeat(100), userId: people.se, channelId: 'C0ACME' });
    expect(res.status).toBe(200);
    const text = (res.json as { text?: string }).text ?? '';
    expect(text).toContain('😀'.repeat(40));
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('keeps at most 3,000 characters of a very long issue or scope request, cut between characters, and says how much was left out', async () => {
    // 3,000 falls between the halves of an emoji: 2,999 are kept, not half a character more.
    const text = `a${'😀'.repeat(4999)}`;
    const issue = await h.slack.command({ text: `issue ${text}`, userId: people.se, channelId: 'C0ACME' });
    const scope = await h.slack.command({ text: `scope ${text}`, userId: people.se, channelId: 'C0ACME' });
    for (const res of [issue, scope])
      expect(JSON.stringify(res.json)).toContain('only its first 2,999 characters are kept; 7,000 more were left out');
    const poc = await h.bot.store.pocs.openInChannel(h.fake.teamId, 'C0ACME');
    const stored = [
      (await h.bot.store.issues.forPoc(poc?.id ?? 0)).at(-1)?.text,
      (await h.bot.store.scopeRequests.forPoc(poc?.id ?? 0)).at(-1)?.text,
    ];
    expect(stored).toEqual([text.slice(0, 2999), text.slice(0, 2999)]);
  });

  // Every subcommand that exists when the suite runs gets the hostile text after its name.
  for (const sub of subcommandList) {
    for (const [label, text] of [
      ['10,000 characters', long],
      ['emoji', emoji],
      ['right-to-left', rtl],
    ] as const) {
      it(`/poc ${sub.name} with ${label} after it answers within 3 s and logs no error`, async () => {
        const before = h.logs.length;
        const res = await h.slack.command({ text: `${sub.name} ${text}`, userId: people.se, channelId: 'C0ACME' });
        expect(res.status).toBe(200);
        expect(res.ms).toBeLessThan(3000);
        await settle(100);
        expect(h.logs.slice(before).filter((l) => / ERROR /.test(l))).toEqual([]);
        expect((await fetch(`${h.appUrl}/healthz`)).status).toBe(200);
      });
    }
  }
});

describe('long, emoji and right-to-left text in channel messages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-23T15:00:00Z' });
    for (const id of Object.values(people)) h.fake.addUser({ id, team_id: h.fake.teamId });
  });
  afterAll(async () => {
    await h.stop();
  });

  // Well-formed, as Slack's text always is: 10,000 code points (`emoji` above may end in half a surrogate pair).
  const samples = [long, [...'👩🏽‍💻 ✅❌🟡 🇯🇵 '.repeat(1000)].slice(0, 10_000).join(''), rtl];
  const keyOf = (m: { metadata?: { event_payload: Record<string, unknown> } }) =>
    String(m.metadata?.event_payload.key ?? '');

  it('keeps each one whole as evidence, a standup answer and a pushback signal, and what shows them stays within Block Kit limits', async () => {
    const { poc, criteria } = await seedPoc(h.bot.store);
    await h.bot.jobs.tick(new Date('2026-11-23T15:00:00Z'));
    const standup = h.fake.channelMessages('C0ACME').find((m) => keyOf(m).startsWith('standup:'));
    if (!standup) throw new Error('no standup was posted');
    const before = h.logs.length;
    for (const [i, text] of samples.entries()) {
      const threadTs = criteria[i]?.messageTs ?? '';
      await h.slack.event(
        messageEvent({ user: people.evaluator, channel: 'C0ACME', text, ts: `176391400${i}.000100`, threadTs }),
      );
      await h.slack.event(
        messageEvent({
          user: people.evaluator,
          channel: 'C0ACME',
          text,
          ts: `176391410${i}.000100`,
          threadTs: standup.ts,
        }),
      );
      await h.slack.event(
        messageEvent({
          user: people.evaluator,
          channel: 'C0ACME',
          text: `Can we circle back next week? ${text}`,
          ts: `176391420${i}.000100`,
        }),
      );
    }
    const ids = criteria.map((c) => c.id);
    await eventually(
      async () =>
        (await h.bot.store.criteria.evidenceFor(ids)).length === 3 &&
        (await h.bot.store.answers.forPoc(poc.id, 'standup')).length === 3 &&
        (await h.bot.store.nudges.pendingSignals(poc.id, 'pushback')).length === 3,
    );
    // Nothing cut on the way in: the readout and the hand-off quote what was said.
    expect((await h.bot.store.criteria.evidenceFor(ids)).map((e) => e.text)).toEqual(samples);
    expect((await h.bot.store.answers.forPoc(poc.id, 'standup')).map((a) => a.value)).toEqual(samples);

    const responsesBefore = h.fake.responses.length;
    for (const text of ['status', 'readout']) {
      const { status } = await commandReply(h, { text, userId: people.se, channelId: 'C0ACME' });
      expect(status).toBe(200);
    }
    const replies = h.fake.responses.slice(responsesBefore);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const r of replies)
      expect(blockKitProblems((r.body.blocks as unknown[] | undefined) ?? [], 'message')).toBeUndefined();
    expect(JSON.stringify(replies.map((r) => r.body))).toContain('اختبار الأداء');

    // The next tick's pushback nudge quotes the messages; the fake Slack refuses a post over Block Kit's limits.
    const next = await h.bot.jobs.tick(new Date('2026-11-23T15:05:00Z'));
    expect(next.lines.filter((l) => /FAILED|ERROR/.test(l))).toEqual([]);
    const dm = h.fake.directMessages(people.se).find((m) => keyOf(m).includes('pushback'));
    expect(dm).toBeDefined();
    expect(blockKitProblems(dm?.blocks ?? [], 'message')).toBeUndefined();
    expect(errorsIn(h.logs.slice(before))).toEqual([]);
    await stillServing(h);
  });
});
