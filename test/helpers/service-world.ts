// The services as app.ts builds them, without HTTP or Bolt: an in-memory SQLite database with
// every migration, the real store, a Slack port that records each call, a clock that stands still.
// For tests of one use case at a time (test/services/).
import type { View } from '@slack/types';
import { ManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/logger.js';
import { createServices, type Services } from '../../src/services/index.js';
import type {
  FoundMessage,
  OutgoingMessage,
  PostedMessage,
  SlackChannel,
  SlackPort,
  SlackUser,
} from '../../src/services/ports.js';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { createStore, type Store } from '../../src/store/index.js';

/** One call the services made to Slack. */
export type SlackCall =
  | { method: 'postMessage'; channel: string; ts: string; message: OutgoingMessage; threadTs?: string | undefined }
  | { method: 'postDirect'; userId: string; channel: string; ts: string; message: OutgoingMessage }
  | { method: 'updateMessage'; channel: string; ts: string; message: OutgoingMessage }
  | { method: 'postEphemeral'; channel: string; userId: string; message: OutgoingMessage }
  | { method: 'openView' | 'updateView' | 'publishHome'; view: View }
  | { method: 'uploadMarkdown'; channel: string; filename: string; content: string }
  | { method: 'pin'; channel: string; ts: string };

/** A SlackPort that answers like Slack would and keeps every call, in order. */
export class RecordingSlack implements SlackPort {
  readonly calls: SlackCall[] = [];
  private seq = 0;

  private nextTs(): string {
    return `1764600000.${String(++this.seq).padStart(6, '0')}`;
  }

  /** The channel posts (threaded or not) to `channel`, in order. */
  posts(channel: string): Array<Extract<SlackCall, { method: 'postMessage' }>> {
    return this.calls.filter(
      (c): c is Extract<SlackCall, { method: 'postMessage' }> => c.method === 'postMessage' && c.channel === channel,
    );
  }

  directs(userId: string): Array<Extract<SlackCall, { method: 'postDirect' }>> {
    return this.calls.filter(
      (c): c is Extract<SlackCall, { method: 'postDirect' }> => c.method === 'postDirect' && c.userId === userId,
    );
  }

  async postMessage(
    channel: string,
    message: OutgoingMessage,
    options?: { threadTs?: string },
  ): Promise<PostedMessage> {
    const ts = this.nextTs();
    this.calls.push({ method: 'postMessage', channel, ts, message, threadTs: options?.threadTs });
    return { channel, ts };
  }
  async updateMessage(channel: string, ts: string, message: OutgoingMessage): Promise<void> {
    this.calls.push({ method: 'updateMessage', channel, ts, message });
  }
  async postEphemeral(channel: string, userId: string, message: OutgoingMessage): Promise<void> {
    this.calls.push({ method: 'postEphemeral', channel, userId, message });
  }
  async postDirect(userId: string, message: OutgoingMessage): Promise<PostedMessage> {
    const channel = `D${userId}`;
    const ts = this.nextTs();
    this.calls.push({ method: 'postDirect', userId, channel, ts, message });
    return { channel, ts };
  }
  async openView(_triggerId: string, view: View): Promise<{ viewId: string }> {
    this.calls.push({ method: 'openView', view });
    return { viewId: `V${this.seq++}` };
  }
  async updateView(_viewId: string, view: View): Promise<void> {
    this.calls.push({ method: 'updateView', view });
  }
  async publishHome(_userId: string, view: View): Promise<void> {
    this.calls.push({ method: 'publishHome', view });
  }
  async permalink(channel: string, ts: string): Promise<string | undefined> {
    return `https://slack.example/archives/${channel}/p${ts.replace('.', '')}`;
  }
  async pin(channel: string, ts: string): Promise<boolean> {
    this.calls.push({ method: 'pin', channel, ts });
    return true;
  }
  async uploadMarkdown(channel: string, filename: string, _title: string, content: string): Promise<void> {
    this.calls.push({ method: 'uploadMarkdown', channel, filename, content });
  }
  async userInfo(userId: string): Promise<SlackUser | undefined> {
    // W… ids are the customer's people (Slack Connect), in another workspace.
    return {
      id: userId,
      teamId: userId.startsWith('W') ? 'T0ACME' : 'T0VENDOR',
      tz: 'America/New_York',
      deleted: false,
      isBot: false,
    };
  }
  async channelInfo(channel: string): Promise<SlackChannel | undefined> {
    return { id: channel, isExtShared: true };
  }
  async findPostedByKey(channel: string, key: string): Promise<FoundMessage | undefined> {
    const found = this.calls.find(
      (c): c is Extract<SlackCall, { method: 'postMessage' | 'postDirect' }> =>
        (c.method === 'postMessage' || c.method === 'postDirect') &&
        c.channel === channel &&
        c.message.metadata?.event_payload.key === key,
    );
    return found ? { channel: found.channel, ts: found.ts, message: found.message } : undefined;
  }
}

export interface ServiceWorld {
  database: OpenDatabase;
  store: Store;
  slack: RecordingSlack;
  clock: ManualClock;
  services: Services;
  logs: string[];
  close(): void;
}

export function serviceWorld(now: string): ServiceWorld {
  const database = openDatabase(':memory:');
  const store = createStore(database.db);
  const slack = new RecordingSlack();
  const clock = new ManualClock(new Date(now));
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line) => logs.push(line) });
  const services = createServices({ store, slack, clock, logger });
  return { database, store, slack, clock, services, logs, close: () => database.close() };
}
