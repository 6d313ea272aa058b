// The demo's transcript: what people did and what the bot posted, when and where, in order.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeSlack, ObservedCall } from '../testkit/fake-slack.js';
import { mrkdwnToText, type Names, renderBlocks, renderMessage } from './render.js';

export interface Entry {
  at: Date;
  where: string;
  who: string;
  text: string;
  blocks?: unknown[];
  /** For a modal or the Home tab: the whole view as the app sent it (title, submit, close…). */
  view?: Record<string, unknown>;
  surface: 'message' | 'modal' | 'home';
  /** A day separator or a narrator's line rather than something posted or done. */
  kind?: 'day' | 'note';
}

/** A Slack API call the bot made that Slack refused (the demo fails on these). */
export interface Refusal {
  at: Date;
  method: string;
  error: string;
}

export class Transcript {
  readonly entries: Entry[] = [];
  readonly refusals: Refusal[] = [];
  private printedUpTo = 0;
  /** What each response_url belongs to (the driver makes them), by the id in the URL. */
  private readonly responseContexts = new Map<string, { where: string; user: string }>();
  /** The latest rendering of each message the bot posted, by channel/ts, to show edits as changes. */
  private readonly shown = new Map<string, string>();
  private readonly lastByTitle = new Map<string, string>();

  constructor(
    private readonly names: Names & { zone: string },
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  /** Listens to every Web API call the bot makes and keeps the ones a person would see. */
  attach(fake: FakeSlack): void {
    fake.observe((call) => this.onCall(call));
  }

  private where(channel: string): string {
    if (channel.startsWith('D')) return `DM to ${this.names.user(channel.slice(1))}`;
    if (/^[UW]/.test(channel)) return `DM to ${this.names.user(channel)}`;
    return `#${this.names.channel(channel)}`;
  }

  private onCall(call: ObservedCall): void {
    const { method, args, result, simAt } = call;
    if (result.ok !== true) {
      this.refusals.push({ at: simAt, method, error: String(result.error) });
      this.add({
        at: simAt,
        where: 'Slack API',
        who: 'pocbot',
        text: `(${method} refused: ${String(result.error)})`,
        surface: 'message',
      });
      return;
    }
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    const blocks = Array.isArray(args.blocks) ? (args.blocks as unknown[]) : undefined;
    switch (method) {
      case 'chat.postMessage': {
        const thread = str(args.thread_ts) ? ' (in thread)' : '';
        const channel = str(result.channel) || str(args.channel);
        const text = renderMessage({ text: str(args.text), ...(blocks ? { blocks } : {}) }, this.names);
        this.shown.set(`${channel}/${str(result.ts)}`, text);
        this.add({
          at: simAt,
          where: `${this.where(channel)}${thread}`,
          who: 'pocbot',
          text: this.abridged(channel, text),
          ...(blocks ? { blocks } : {}),
          surface: 'message',
        });
        break;
      }
      case 'chat.update': {
        const key = `${str(args.channel)}/${str(args.ts)}`;
        const text = renderMessage({ text: str(args.text), ...(blocks ? { blocks } : {}) }, this.names);
        const before = this.shown.get(key);
        this.shown.set(key, text);
        // A reader notices what changed; the full message was printed when it was posted.
        const changed = before === undefined ? text : changedLines(before, text);
        const title =
          ((before ?? '').split('\n')[0] ?? '')
            .replace(/^== | ==$|[*_]/g, '')
            .split(' · ')[0]
            ?.slice(0, 60) ?? '';
        const where = `${this.where(str(args.channel))} (${before === undefined ? 'updated in place' : `edited “${title}”; changed lines`})`;
        this.add({
          at: simAt,
          where,
          who: 'pocbot',
          text: changed || '(no visible change)',
          ...(blocks ? { blocks } : {}),
          surface: 'message',
        });
        break;
      }
      case 'chat.postEphemeral':
        this.add({
          at: simAt,
          where: `${this.where(str(args.channel))} (only ${this.names.user(str(args.user))} sees)`,
          who: 'pocbot',
          text: renderMessage({ text: str(args.text), ...(blocks ? { blocks } : {}) }, this.names),
          ...(blocks ? { blocks } : {}),
          surface: 'message',
        });
        break;
      case 'response_url': {
        const b = Array.isArray(args.blocks) ? (args.blocks as unknown[]) : undefined;
        const context = this.responseContexts.get(str(result.response_id));
        const scope =
          args.response_type === 'in_channel'
            ? 'in channel'
            : `only ${context ? this.names.user(context.user) : 'the user'} sees`;
        const replaces = args.replace_original === true ? ', replacing the earlier reply' : '';
        this.add({
          at: simAt,
          where: `${context?.where ?? 'reply'} (${scope}${replaces})`,
          who: 'pocbot',
          text: renderMessage({ text: str(args.text), ...(b ? { blocks: b } : {}) }, this.names),
          ...(b ? { blocks: b } : {}),
          surface: 'message',
        });
        break;
      }
      case 'views.open':
      case 'views.update':
      case 'views.push': {
        const view = (args.view ?? {}) as { title?: { text?: string }; blocks?: unknown[] };
        if (method !== 'views.open') break;
        this.add({
          at: simAt,
          where: 'modal',
          who: 'pocbot',
          text: `«${view.title?.text ?? ''}» (${(view.blocks ?? []).length} blocks)\n${renderBlocks((view.blocks ?? []).slice(0, 12), this.names)}\n…`,
          ...(view.blocks ? { blocks: view.blocks } : {}),
          view: args.view as Record<string, unknown>,
          surface: 'modal',
        });
        break;
      }
      case 'views.publish': {
        const view = (args.view ?? {}) as { blocks?: unknown[] };
        this.add({
          at: simAt,
          where: `App Home of ${this.names.user(str(args.user_id))}`,
          who: 'pocbot',
          text: renderBlocks(view.blocks ?? [], this.names),
          ...(view.blocks ? { blocks: view.blocks } : {}),
          view: args.view as Record<string, unknown>,
          surface: 'home',
        });
        break;
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(args.files) ? (args.files as Array<{ title?: string }>) : [];
        const target = str(args.channel_id);
        this.add({
          at: simAt,
          where: target ? this.where(target) : 'private file',
          who: 'pocbot',
          text: `📎 uploaded ${files.map((f) => f.title ?? 'file').join(', ')}`,
          surface: 'message',
        });
        break;
      }
      default:
        break;
    }
  }

  /**
   * A recurring post (same header, same channel: the daily standup) shows its header and the
   * lines that differ from the last one; the first of its kind is shown whole.
   */
  private abridged(channel: string, text: string): string {
    const title = text.split('\n')[0] ?? '';
    if (!title.startsWith('== ')) return text;
    const key = `${channel}/${title}`;
    const last = this.lastByTitle.get(key);
    this.lastByTitle.set(key, text);
    if (last === undefined) return text;
    const changed = changedLines(last, text);
    const same = text.split('\n').length - changed.split('\n').length;
    return same < 4 ? text : `${title}\n${changed}\n(the other ${same - 1} lines as in the last one)`;
  }

  /** Labels what the bot later posts to this response_url. */
  expectResponse(id: string, where: string, user: string): void {
    this.responseContexts.set(id, { where, user });
  }

  /** Something a person did (a command, a reaction, a reply). */
  person(at: Date, who: string, where: string, text: string): void {
    this.add({ at, where, who: this.names.user(who), text: mrkdwnToText(text, this.names), surface: 'message' });
  }

  /** The bot's immediate answer to a slash command (the HTTP ack body, which no Web API call carries). */
  reply(at: Date, where: string, message: { text?: string; blocks?: unknown[] }): void {
    const blocks = Array.isArray(message.blocks) && message.blocks.length > 0 ? message.blocks : undefined;
    this.add({
      at,
      where,
      who: 'pocbot',
      text: renderMessage(message, this.names),
      ...(blocks ? { blocks } : {}),
      surface: 'message',
    });
  }

  narrate(at: Date, text: string): void {
    this.add({ at, where: '', who: '', text, surface: 'message', kind: 'note' });
  }

  /** A separator line opening a simulated day. */
  day(at: Date, title: string): void {
    this.add({ at, where: '', who: '', text: title, surface: 'message', kind: 'day' });
  }

  private add(entry: Entry): void {
    this.entries.push(entry);
  }

  /** Prints what has not been printed yet. */
  flush(): void {
    for (const e of this.entries.slice(this.printedUpTo)) this.write(this.format(e));
    this.printedUpTo = this.entries.length;
  }

  private format(e: Entry): string {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: this.names.zone,
        weekday: 'short',
        day: '2-digit',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(e.at)
        .map((x) => [x.type, x.value]),
    );
    if (e.kind === 'day') {
      const line = `═══ ${p.weekday} ${p.day} ${p.month} ${p.year} · ${e.text} `;
      return `\n${line.padEnd(100, '═')}`;
    }
    if (e.kind === 'note') return `  ~ ${e.text.split('\n').join('\n    ')}`;
    const body = e.text
      .split('\n')
      .filter((l, i, all) => l.trim() !== '' || (i > 0 && all[i - 1]?.trim() !== ''))
      .map((l) => `    ${l}`)
      .join('\n');
    return `[${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute}] ${e.who} → ${e.where}\n${body}`;
  }

  /**
   * Writes each Block Kit payload as JSON Slack's Block Kit Builder accepts: a message's blocks,
   * and a modal or the Home tab as the whole view the app sent Slack (views.open, views.publish),
   * with its title, submit and close.
   */
  writeBlocks(dir: string): number {
    mkdirSync(dir, { recursive: true });
    let n = 0;
    for (const e of this.entries) {
      if (!e.blocks) continue;
      n++;
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: this.names.zone,
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .formatToParts(e.at)
          .map((x) => [x.type, x.value]),
      );
      const slug = e.where
        .replace(/[^a-z0-9]+/gi, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase()
        .slice(0, 40)
        .replace(/-$/, '');
      const name = `${String(n).padStart(3, '0')}-${p.month}${p.day}-${p.hour}${p.minute}-${e.surface === 'message' ? '' : `${e.surface}-`}${slug}.json`;
      const payload =
        e.surface === 'message' ? { blocks: e.blocks } : (e.view ?? { type: e.surface, blocks: e.blocks });
      writeFileSync(join(dir, name), `${JSON.stringify(payload, null, 2)}\n`);
    }
    return n;
  }
}

/** The lines of `after` that `before` did not have, in order. */
function changedLines(before: string, after: string): string {
  const old = new Set(before.split('\n'));
  return after
    .split('\n')
    .filter((l) => l.trim() !== '' && !old.has(l))
    .join('\n');
}
