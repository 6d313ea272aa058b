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
  surface: 'message' | 'modal' | 'home';
}

export class Transcript {
  readonly entries: Entry[] = [];
  private printedUpTo = 0;

  constructor(
    private readonly names: Names & { zone: string },
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  /** Listens to every Web API call the bot makes and keeps the ones a person would see. */
  attach(fake: FakeSlack): void {
    fake.observe((call) => this.onCall(call));
  }

  private where(channel: string): string {
    if (channel.startsWith('D')) return `DM to @${this.names.user(channel.slice(1))}`;
    if (/^[UW]/.test(channel)) return `DM to @${this.names.user(channel)}`;
    return `#${this.names.channel(channel)}`;
  }

  private onCall(call: ObservedCall): void {
    const { method, args, result, simAt } = call;
    if (result.ok !== true) {
      this.add({ at: simAt, where: 'Slack API', who: 'pocbot', text: `(${method} refused: ${String(result.error)})`, surface: 'message' });
      return;
    }
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    const blocks = Array.isArray(args.blocks) ? (args.blocks as unknown[]) : undefined;
    switch (method) {
      case 'chat.postMessage': {
        const thread = str(args.thread_ts) ? ' (in thread)' : '';
        this.add({ at: simAt, where: `${this.where(str(result.channel) || str(args.channel))}${thread}`, who: 'pocbot', text: renderMessage({ text: str(args.text), ...(blocks ? { blocks } : {}) }, this.names), ...(blocks ? { blocks } : {}), surface: 'message' });
        break;
      }
      case 'chat.update':
        this.add({ at: simAt, where: `${this.where(str(args.channel))} (updated in place)`, who: 'pocbot', text: renderMessage({ text: str(args.text), ...(blocks ? { blocks } : {}) }, this.names), ...(blocks ? { blocks } : {}), surface: 'message' });
        break;
      case 'chat.postEphemeral':
        this.add({ at: simAt, where: `${this.where(str(args.channel))}, only @${this.names.user(str(args.user))} sees`, who: 'pocbot', text: renderMessage({ text: str(args.text), ...(blocks ? { blocks } : {}) }, this.names), ...(blocks ? { blocks } : {}), surface: 'message' });
        break;
      case 'response_url': {
        const b = Array.isArray(args.blocks) ? (args.blocks as unknown[]) : undefined;
        const scope = args.response_type === 'in_channel' ? 'in channel' : 'only you see';
        this.add({ at: simAt, where: `reply to a command (${scope})`, who: 'pocbot', text: renderMessage({ text: str(args.text), ...(b ? { blocks: b } : {}) }, this.names), ...(b ? { blocks: b } : {}), surface: 'message' });
        break;
      }
      case 'views.open':
      case 'views.update':
      case 'views.push': {
        const view = (args.view ?? {}) as { title?: { text?: string }; blocks?: unknown[] };
        if (method !== 'views.open') break;
        this.add({ at: simAt, where: 'modal', who: 'pocbot', text: `«${view.title?.text ?? ''}» (${(view.blocks ?? []).length} blocks)\n${renderBlocks((view.blocks ?? []).slice(0, 12), this.names)}\n…`, ...(view.blocks ? { blocks: view.blocks } : {}), surface: 'modal' });
        break;
      }
      case 'views.publish': {
        const view = (args.view ?? {}) as { blocks?: unknown[] };
        this.add({ at: simAt, where: `App Home of @${this.names.user(str(args.user_id))}`, who: 'pocbot', text: renderBlocks(view.blocks ?? [], this.names), ...(view.blocks ? { blocks: view.blocks } : {}), surface: 'home' });
        break;
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(args.files) ? (args.files as Array<{ title?: string }>) : [];
        const target = str(args.channel_id);
        this.add({ at: simAt, where: target ? this.where(target) : 'private file', who: 'pocbot', text: `📎 uploaded ${files.map((f) => f.title ?? 'file').join(', ')}`, surface: 'message' });
        break;
      }
      default:
        break;
    }
  }

  /** Something a person did (a command, a reaction, a reply). */
  person(at: Date, who: string, where: string, text: string): void {
    this.add({ at, where, who: `@${this.names.user(who)}`, text: mrkdwnToText(text, this.names), surface: 'message' });
  }

  narrate(at: Date, text: string): void {
    this.add({ at, where: '', who: '', text, surface: 'message' });
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
    const when = new Intl.DateTimeFormat('en-GB', { timeZone: this.names.zone, weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(e.at);
    if (!e.who) return `\n── ${when} ── ${e.text}`;
    const body = e.text.split('\n').map((l) => `    ${l}`).join('\n');
    return `[${when}] ${e.who} → ${e.where}\n${body}`;
  }

  /** Writes each Block Kit payload as JSON Slack's Block Kit Builder accepts. */
  writeBlocks(dir: string): number {
    mkdirSync(dir, { recursive: true });
    let n = 0;
    for (const e of this.entries) {
      if (!e.blocks) continue;
      n++;
      const name = `${String(n).padStart(3, '0')}-${e.surface}-${e.where.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 40)}.json`;
      const payload = e.surface === 'message' ? { blocks: e.blocks } : { type: e.surface === 'home' ? 'home' : 'modal', title: { type: 'plain_text', text: 'pocbot' }, blocks: e.blocks };
      writeFileSync(join(dir, name), `${JSON.stringify(payload, null, 2)}\n`);
    }
    return n;
  }
}
