// What the people in the demo do, as Slack would deliver it to the app: signed slash commands,
// Events API callbacks for messages and reactions, and block_actions for button clicks found in
// what the bot actually posted. Every step checks its outcome and throws a DemoFailure with a
// plain reason when the app did not do what the step needs.
import { randomUUID } from 'node:crypto';
import { dateToSlackTs, zonedInstant } from '../src/domain/calendar.js';
import type { FakeMessage } from '../testkit/fake-slack.js';
import { eventually, type Harness } from '../testkit/harness.js';
import { appHomeOpened, blockAction, messageEvent, messageShortcut, reactionEvent } from '../testkit/payloads.js';
import type { Transcript } from './transcript.js';

export class DemoFailure extends Error {
  override name = 'DemoFailure';
}

export interface Button {
  actionId: string;
  value: string | undefined;
  blockId: string | undefined;
  label: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The button with this action_id anywhere in these blocks (sections, actions, accessories). */
export function findButton(blocks: unknown, actionId: string): Button | undefined {
  const visit = (node: unknown, blockId: string | undefined): Button | undefined => {
    if (Array.isArray(node)) {
      for (const n of node) {
        const found = visit(n, blockId);
        if (found) return found;
      }
      return undefined;
    }
    if (!isObj(node)) return undefined;
    const here = typeof node.block_id === 'string' ? node.block_id : blockId;
    if (node.type === 'button' && node.action_id === actionId) {
      const label = isObj(node.text) && typeof node.text.text === 'string' ? node.text.text : actionId;
      return { actionId, value: typeof node.value === 'string' ? node.value : undefined, blockId: here, label };
    }
    for (const key of ['elements', 'accessory', 'blocks']) {
      const found = visit(node[key], here);
      if (found) return found;
    }
    return undefined;
  };
  return visit(blocks, undefined);
}

/** Where a click happens: a message Slack holds (channel or DM), or an ephemeral/command reply. */
export type ClickSource = { message: FakeMessage } | { ephemeral: { blocks: unknown }; channel: string };

export interface DriverOptions {
  harness: Harness;
  transcript: Transcript;
  zone: string;
  /** The channel commands run in unless told otherwise. */
  channel: string;
  /** Names for "where" labels. */
  channelName(id: string): string;
  userName(id: string): string;
}

export class Driver {
  private seq = 0;
  constructor(private readonly o: DriverOptions) {}

  private get h(): Harness {
    return this.o.harness;
  }

  now(): Date {
    return this.h.clock.now();
  }

  /** Moves the simulated clock to a local date and time in the POC's zone. */
  at(date: string, time: string): Date {
    const instant = zonedInstant(date, time, this.o.zone);
    if (instant.getTime() < this.now().getTime())
      throw new DemoFailure(`the script went back in time to ${date} ${time}`);
    this.h.clock.set(instant);
    return instant;
  }

  /** A Slack ts for something a person does now; the high sequence keeps clear of the bot's own ts. */
  private humanTs(): string {
    return dateToSlackTs(this.now(), 500_000 + ++this.seq);
  }

  /** Runs every job due now, as cron or `npm run tick` would; a failed post fails the demo. */
  async tick(): Promise<string[]> {
    const report = await this.h.bot.jobs.tick(this.now());
    const bad = report.lines.filter((l) => /\b(FAILED|ERROR)\b/.test(l));
    if (bad.length > 0) throw new DemoFailure(`tick at ${report.now} reported:\n  ${bad.join('\n  ')}`);
    // tick() awaits its own posts, so there is nothing to wait for.
    return report.lines;
  }

  /** Waits until the app has stopped calling Slack (listeners run after the ack), and for `check` if given. */
  async settle<T>(check?: () => T | undefined | false, what = 'the app to respond'): Promise<T | undefined> {
    let value: T | undefined;
    if (check) {
      try {
        // Generous: on a busy machine the app's work after the ack can take seconds; a real
        // failure still ends the demo with what it was waiting for.
        value = await eventually(check, 20_000);
      } catch {
        throw new DemoFailure(`timed out waiting for ${what}`);
      }
    }
    const count = () => this.h.fake.calls.length + this.h.fake.responses.length;
    let seen = count();
    let stableSince = Date.now();
    while (Date.now() - stableSince < 25) {
      await new Promise((r) => setTimeout(r, 5));
      if (count() !== seen) {
        seen = count();
        stableSince = Date.now();
      }
    }
    return value;
  }

  /** `/poc <text>`; the immediate answer goes in the transcript. Returns the ack body. */
  async command(user: string, text: string, channel = this.o.channel): Promise<Obj> {
    const where = `#${this.o.channelName(channel)}`;
    const replyTo = `${where}, reply to /poc ${text.split(' ')[0]}`;
    this.o.transcript.person(this.now(), user, where, `/poc ${text}`);
    const responseUrl = this.responseUrl(replyTo, user);
    const res = await this.h.slack.command({ text, userId: user, channelId: channel, responseUrl });
    if (res.status !== 200) throw new DemoFailure(`/poc ${text} answered HTTP ${res.status}: ${res.text}`);
    const body = isObj(res.json) ? res.json : {};
    if (typeof body.text === 'string' || Array.isArray(body.blocks)) {
      const scope = body.response_type === 'in_channel' ? 'in channel' : `only ${this.o.userName(user)} sees`;
      this.o.transcript.reply(this.now(), `${replyTo} (${scope})`, body as { text?: string; blocks?: unknown[] });
    }
    await this.settle();
    return body;
  }

  /** A response_url whose posts the transcript labels with `where`. */
  private responseUrl(where: string, user: string): string {
    const id = randomUUID();
    this.o.transcript.expectResponse(id, where, user);
    return this.h.fake.responseUrl(id);
  }

  /** A message in a channel, or a reply in a thread when `threadTs` is given. Returns its ts. */
  async say(
    user: string,
    text: string,
    options: { threadTs?: string; threadLabel?: string; channel?: string } = {},
  ): Promise<string> {
    const channel = options.channel ?? this.o.channel;
    const ts = this.humanTs();
    const where = `#${this.o.channelName(channel)}${options.threadTs ? ` (thread: ${options.threadLabel ?? 'reply'})` : ''}`;
    this.o.transcript.person(this.now(), user, where, text);
    const external = user.startsWith('W');
    const res = await this.h.slack.event(
      messageEvent({
        user,
        channel,
        text,
        ts,
        ...(options.threadTs ? { threadTs: options.threadTs } : {}),
        ...(external ? { userTeam: 'T0ACME' } : {}),
      }),
    );
    if (res.status !== 200) throw new DemoFailure(`message event answered HTTP ${res.status}`);
    await this.settle();
    return ts;
  }

  async react(user: string, reaction: string, message: FakeMessage, label: string, removed = false): Promise<void> {
    const emoji: Record<string, string> = { white_check_mark: '✅', large_yellow_circle: '🟡', x: '❌', eyes: '👀' };
    const what = `${removed ? 'removes' : 'reacts'} ${emoji[reaction] ?? `:${reaction}:`} ${removed ? 'from' : 'on'} ${label}`;
    this.o.transcript.person(this.now(), user, `#${this.o.channelName(message.channel)}`, `(${what})`);
    const res = await this.h.slack.event(
      reactionEvent(removed ? 'reaction_removed' : 'reaction_added', {
        user,
        reaction,
        channel: message.channel,
        ts: message.ts,
        eventTs: this.humanTs(),
      }),
    );
    if (res.status !== 200) throw new DemoFailure(`reaction event answered HTTP ${res.status}`);
    await this.settle();
  }

  async openHome(user: string): Promise<void> {
    this.o.transcript.person(this.now(), user, 'pocbot’s App Home', '(opens the Home tab)');
    await this.h.slack.event(appHomeOpened(user));
    await this.settle(() => this.h.fake.homes.get(user), 'the App Home to be published');
  }

  /** A message shortcut on someone's message; returns what the app answered through response_url. */
  async shortcut(
    user: string,
    shortcut: { callbackId: string; label: string },
    message: { ts: string; user: string; text: string },
    channel = this.o.channel,
  ): Promise<Obj> {
    const where = `#${this.o.channelName(channel)}`;
    this.o.transcript.person(
      this.now(),
      user,
      where,
      `(uses “${shortcut.label}” on ${this.o.userName(message.user)}’s message)`,
    );
    const id = randomUUID();
    this.o.transcript.expectResponse(id, `${where}, after “${shortcut.label}”`, user);
    const res = await this.h.slack.interaction(
      messageShortcut({
        user,
        teamId: this.h.fake.teamId,
        callbackId: shortcut.callbackId,
        channel,
        message,
        triggerId: this.h.fake.issueTrigger(),
        responseUrl: this.h.fake.responseUrl(id),
      }),
    );
    if (res.status !== 200)
      throw new DemoFailure(`shortcut ${shortcut.callbackId} answered HTTP ${res.status}: ${res.text}`);
    const body = await this.settle(
      () => this.h.fake.responses.find((r) => r.id === id)?.body,
      `the answer to “${shortcut.label}”`,
    );
    return body ?? {};
  }

  /** Clicks the button with `actionId` in what the bot posted; fails when it is not there. */
  async click(user: string, source: ClickSource, actionId: string): Promise<Button> {
    const blocks = 'message' in source ? source.message.blocks : source.ephemeral.blocks;
    const button = findButton(blocks, actionId);
    if (!button) throw new DemoFailure(`no button ${actionId} in the message ${user} was about to click`);
    const channel = 'message' in source ? source.message.channel : source.channel;
    const where = channel.startsWith('D') ? `DM from pocbot` : `#${this.o.channelName(channel)}`;
    this.o.transcript.person(this.now(), user, where, `(clicks [ ${button.label} ])`);
    const res = await this.h.slack.interaction(
      blockAction({
        user,
        teamId: this.h.fake.teamId,
        actionId,
        ...(button.value !== undefined ? { value: button.value } : {}),
        ...(button.blockId ? { blockId: button.blockId } : {}),
        channel,
        ...('message' in source ? { messageTs: source.message.ts } : {}),
        triggerId: this.h.fake.issueTrigger(),
        responseUrl: this.responseUrl(`${where}, after the click on “${button.label}”`, user),
        // When the click happened: the simulated time, as for messages and reactions.
        actionTs: this.humanTs(),
      }),
    );
    if (res.status !== 200) throw new DemoFailure(`click on ${actionId} answered HTTP ${res.status}: ${res.text}`);
    await this.settle();
    return button;
  }
}
