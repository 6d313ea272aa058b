// A request whose response carries nothing is answered as soon as it is stored: an event, and a
// command that says everything through response_url (`/poc status`). Bolt sees it afterwards,
// from the work queue, so nothing a listener does can hold its ack. A command that may answer in
// its ack (`/poc help`, an unknown subcommand) is still dispatched before it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Criterion, Poc } from '../../src/domain/poc.js';
import { people } from '../../testkit/fixtures.js';
import { eventually, type Harness } from '../../testkit/harness.js';
import { reactionEvent } from '../../testkit/payloads.js';
import type { SentResponse } from '../../testkit/signed-requests.js';
import { channel, seededPocChannel } from '../helpers/seeded-channel.js';

/** What a request came to within `ms`: its response, or 'waiting'. */
function within(ms: number, sent: Promise<SentResponse>): Promise<SentResponse | 'waiting'> {
  return Promise.race([sent, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), ms))]);
}

describe('requests answered at the door', () => {
  let h: Harness;
  let poc: Poc;
  let criteria: Criterion[];
  seededPocChannel((s) => {
    ({ h, poc, criteria } = s);
  });

  /** Holds every request in Bolt's global middleware until the returned function is called. */
  function holdBolt(): { seen: string[]; release: () => void } {
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const seen: string[] = [];
    h.bot.bolt.use(async ({ body, next }) => {
      const b = body as { command?: string; text?: string; event?: { type?: string } };
      seen.push(b.command ? `${b.command} ${b.text}` : `event ${b.event?.type}`);
      await held;
      await next();
    });
    return { seen, release };
  }

  /** The inbox rows not yet done, by key. */
  const unfinished = async () => (await h.bot.store.inbox.unfinished()).map((r) => r.key);

  it('answers /poc status and a reaction while Bolt is held, and does both once it lets go', async () => {
    const bolt = holdBolt();
    const statusId = randomUUID();
    const status = await within(
      2000,
      h.slack.command({
        text: 'status',
        userId: people.se,
        channelId: channel,
        responseUrl: h.fake.responseUrl(statusId),
      }),
    );
    const reaction = await within(
      2000,
      h.slack.event(
        reactionEvent('reaction_added', {
          user: people.evaluator,
          reaction: 'white_check_mark',
          channel,
          ts: criteria[1]?.messageTs as string,
        }),
        { eventId: 'EvDOOR0001' },
      ),
    );
    // Both answered 200 with an empty body, while Bolt has not yet run a listener for either.
    expect(status).toMatchObject({ status: 200, text: '' });
    expect(reaction).toMatchObject({ status: 200, text: '' });
    await eventually(() => bolt.seen.length >= 1);
    expect(await h.bot.store.criteria.votesFor(criteria.map((c) => c.id))).toEqual([]);
    expect(h.fake.responses.find((r) => r.id === statusId)).toBeUndefined();
    // Stored before the ack: a crash now would leave them for the next start.
    expect(await unfinished()).toEqual([expect.stringMatching(/^command:/), 'event:EvDOOR0001']);

    bolt.release();
    const posted = await eventually(() => h.fake.responses.find((r) => r.id === statusId));
    expect(JSON.stringify(posted.body)).toContain(poc.name);
    await eventually(async () => (await h.bot.store.criteria.votesFor(criteria.map((c) => c.id))).length === 1);
    expect(bolt.seen).toEqual(['/poc status', 'event reaction_added']);
    await eventually(async () => (await unfinished()).length === 0);
    expect(await h.bot.store.inbox.byKey('event:EvDOOR0001')).toMatchObject({ status: 'done' });
  });

  it('does not answer /poc help before Bolt has run its listener, whose answer is the ack', async () => {
    const bolt = holdBolt();
    const sent = h.slack.command({ text: 'help', userId: people.se, channelId: channel });
    expect(await within(300, sent)).toBe('waiting');
    expect(bolt.seen).toEqual(['/poc help']);
    bolt.release();
    const res = await sent;
    expect(res.status).toBe(200);
    expect(res.text).toContain('pocbot commands');
  });

  it('says a door-answered command’s refusal through response_url, as its handler wrote it', async () => {
    // Another channel has no POC: `/poc status` there answers why, after the empty ack.
    const id = randomUUID();
    const res = await h.slack.command({
      text: 'status',
      userId: people.se,
      channelId: 'C0NOPOC',
      responseUrl: h.fake.responseUrl(id),
    });
    expect(res).toMatchObject({ status: 200, text: '' });
    const posted = await eventually(() => h.fake.responses.find((r) => r.id === id));
    expect(posted.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('no POC') });
  });
});
