// A local Slack-compatible Web API for tests, the demo and the bench. It records every call,
// answers like Slack for the methods pocbot uses, and enforces the rules that matter: auth,
// trigger_id expiry (3 s) and single use, Block Kit limits, channel states, and 429s with
// Retry-After when a test asks for them. Several workspaces can install the app through OAuth
// (/oauth/v2/authorize, oauth.v2.access), each getting its own bot token; every call is checked
// against the workspace of the token, so a post with the wrong workspace's token fails as in Slack.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../src/clock.js';
import { blockKitProblems, viewProblems } from './block-kit-rules.js';

export interface FakeUser {
  id: string;
  team_id: string;
  name: string;
  real_name?: string;
  tz?: string;
  deleted?: boolean;
  is_bot?: boolean;
  /** The profile's status, as users.info gives it. */
  status_text?: string;
  status_emoji?: string;
  /** Unix seconds; 0 = never. */
  status_expiration?: number;
  /**
   * An external (Slack Connect) user whose organisation shares little: users.info gives neither
   * their zone nor their status, as Slack may for such a profile.
   */
  reduced_profile?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  archived?: boolean;
  /** The bot is not a member: posting answers not_in_channel. */
  botNotMember?: boolean;
  /** pins.add answers this error when set (e.g. 'restricted_action'). */
  pinError?: string;
  /** Shared with another organization (Slack Connect): conversations.info says is_ext_shared. */
  extShared?: boolean;
  /** Deleted, or unshared with the bot's workspace: every call about it answers channel_not_found. */
  gone?: boolean;
  /** The workspace the channel is in (default: the first team); another workspace's token cannot see it. */
  teamId?: string;
}

/** A workspace that can install the app through OAuth (addTeam), with the bot token of its latest install. */
export interface FakeTeam {
  teamId: string;
  enterpriseId?: string | undefined;
  /** Installed org-wide (Enterprise Grid): the install covers every team of the org. */
  orgWide?: boolean;
  botUserId: string;
  botId: string;
  /** Tokens issued by oauth.v2.access and not revoked. */
  tokens: string[];
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  user: string;
  /** Every earlier version, oldest first, when chat.update changed it. */
  edits: Array<{ text: string; blocks?: unknown[] }>;
  postedAt: Date;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** The token the call carried, and the workspace it belongs to (undefined when it is no known token). */
  token?: string;
  team?: string | undefined;
  at: Date;
  ok: boolean;
  error?: string;
}

/** What an observer (the demo's transcript) is told after each call Slack would have answered. */
export interface ObservedCall {
  method: string;
  args: Record<string, unknown>;
  result: Record<string, unknown>;
  /** The harness clock's time (simulated in the demo). */
  simAt: Date;
}

/**
 * How a call fails. `afterEffect`: Slack did the work (the message is posted) and the answer was
 * lost on the way back, as with a 5xx from a proxy or a timeout: the one failure that makes a
 * blind retry post twice.
 */
export type Failure = { status: 429; retryAfter: number } | { status: 500; afterEffect?: boolean } | { error: string };

export interface FakeSlackOptions {
  botToken?: string;
  /** The app-level token (xapp-) apps.connections.open accepts, for Socket Mode. */
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  /** Drives message timestamps, so a simulated day's posts carry that day's ts. */
  clock?: Clock;
  /** Trigger ids are checked against real time (Slack's 3 s is real time). */
  triggerTtlMs?: number;
}

const jsonArgs = new Set(['blocks', 'view', 'metadata', 'attachments', 'files', 'users']);

export class FakeSlack {
  readonly botToken: string;
  readonly appToken: string | undefined;
  /** What apps.connections.open answers (a FakeSocketMode's url); unset, it fails as if Socket Mode were off. */
  socketModeUrl: string | undefined;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId = 'B0POCBOT';
  readonly calls: RecordedCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly ephemerals: Array<{ channel: string; user: string; text: string; blocks?: unknown[] }> = [];
  /** Bodies POSTed to response_url, by the id in the URL. */
  readonly responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  readonly views = new Map<string, { id: string; hash: string; view: Record<string, unknown>; user?: string }>();
  readonly homes = new Map<string, Record<string, unknown>>();
  readonly files: Array<{
    id: string;
    filename: string;
    title: string;
    content: string;
    channel?: string;
    threadTs?: string;
  }> = [];
  readonly pins: Array<{ channel: string; ts: string }> = [];
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  /** Workspaces that can install through OAuth, by team id (addTeam). */
  readonly teams = new Map<string, FakeTeam>();
  /** The app's OAuth credentials, checked by oauth.v2.access. */
  oauthClient = { id: '1111.2222', secret: 'testclientsecret0123' };
  /** Where /oauth/v2/authorize sends the browser back (the app's /slack/oauth_redirect). */
  oauthRedirectUrl: string | undefined;
  private readonly oauthCodes = new Map<string, string>();

  private readonly clock: Clock;
  private readonly triggerTtlMs: number;
  private readonly usedTriggers = new Set<string>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly delays = new Map<string, number[]>();
  private readonly held = new Map<string, Promise<void>>();
  private outage: { failure: Failure; while: () => boolean; methods: Set<string> | undefined } | undefined;
  private readonly pendingUploads = new Map<string, { filename: string; title: string; content: string }>();
  private readonly observers: Array<(call: ObservedCall) => void> = [];
  private lastTsMicros = 0;
  private server: Server | undefined;
  private base = '';

  constructor(options: FakeSlackOptions = {}) {
    this.botToken = options.botToken ?? 'xoxb-test-token';
    this.appToken = options.appToken;
    this.teamId = options.teamId ?? 'T0VENDOR';
    this.botUserId = options.botUserId ?? 'U0POCBOT';
    this.clock = options.clock ?? systemClock;
    this.triggerTtlMs = options.triggerTtlMs ?? 3000;
    this.users.set(this.botUserId, { id: this.botUserId, team_id: this.teamId, name: 'pocbot', is_bot: true });
  }

  /** The Web API base to pass as SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response_url the app can post to; what it posts lands in `responses`. */
  responseUrl(id: string = randomUUID()): string {
    return `${this.base}/response/${id}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  observe(fn: (call: ObservedCall) => void): void {
    this.observers.push(fn);
  }

  private notify(method: string, args: Record<string, unknown>, result: Record<string, unknown>): void {
    for (const fn of this.observers) fn({ method, args, result, simAt: this.clock.now() });
  }

  addUser(user: Partial<FakeUser> & { id: string }): void {
    this.users.set(user.id, { team_id: this.teamId, name: user.id.toLowerCase(), ...user });
  }

  /**
   * A workspace that can install the app through OAuth: /oauth/v2/authorize?team=<id> stands for
   * its admin approving the install, and oauth.v2.access gives it a new bot token.
   */
  addTeam(team: {
    teamId: string;
    enterpriseId?: string;
    orgWide?: boolean;
    botUserId?: string;
    botId?: string;
  }): FakeTeam {
    const suffix = team.teamId.replace(/^T0?/, '');
    const added: FakeTeam = { botUserId: `U0BOT${suffix}`, botId: `B0BOT${suffix}`, tokens: [], ...team };
    this.teams.set(team.teamId, added);
    this.users.set(added.botUserId, { id: added.botUserId, team_id: team.teamId, name: 'pocbot', is_bot: true });
    return added;
  }

  /** The team's tokens stop working (the app uninstalled, or its tokens revoked). */
  revokeTokens(teamId: string): void {
    const team = this.teams.get(teamId);
    if (team) team.tokens.length = 0;
  }

  /** Which workspace a token belongs to: the first team's (botToken), or an OAuth install's. */
  teamOfToken(
    token: string,
  ): FakeTeam | { teamId: string; enterpriseId?: undefined; botUserId: string; botId: string } | undefined {
    if (token === this.botToken) return { teamId: this.teamId, botUserId: this.botUserId, botId: this.botId };
    for (const team of this.teams.values()) if (team.tokens.includes(token)) return team;
    return undefined;
  }

  /** Calls made with this team's tokens. */
  callsBy(teamId: string, method?: string): RecordedCall[] {
    return this.calls.filter((c) => c.team === teamId && (method === undefined || c.method === method));
  }

  addChannel(channel: Partial<FakeChannel> & { id: string }): void {
    this.channels.set(channel.id, { name: channel.id.toLowerCase(), ...channel });
  }

  /** A message already in Slack before the test (e.g. a seeded criterion that a thread hangs from). */
  addMessage(message: Pick<FakeMessage, 'channel' | 'ts' | 'text'> & Partial<FakeMessage>): void {
    this.messages.push({ user: this.botUserId, edits: [], postedAt: this.clock.now(), ...message });
  }

  /** The next `times` calls to `method` fail this way, before anything is stored (unless `afterEffect`). */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** The next `times` calls to `method` answer only after `ms` of real time (a slow Slack). */
  delayNext(method: string, ms: number, times = 1): void {
    const queue = this.delays.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(ms);
    this.delays.set(method, queue);
  }

  /**
   * Calls to `method` get no answer until the returned function is called (a Slack that hangs, or
   * is slow): what the app does while its work waits on Slack.
   */
  hold(method: string): () => void {
    let release!: () => void;
    this.held.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.held.delete(method);
      release();
    };
  }

  /**
   * An outage: every call (or every call to `methods`) fails this way while `during()` is true,
   * e.g. until the harness clock passes the end of a 15-minute window. Replaces any earlier one.
   */
  outageWhile(during: () => boolean, failure: Failure = { status: 500 }, methods?: string[]): void {
    this.outage = { failure, while: during, methods: methods ? new Set(methods) : undefined };
  }

  /** A trigger_id as Slack would send with a command or a click; it expires 3 s after issue. */
  issueTrigger(issuedAt = Date.now()): string {
    return `${issuedAt}.${Math.floor(Math.random() * 1e9)}.trigger`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Top-level channel messages (not thread replies), oldest first. */
  channelMessages(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === undefined);
  }

  threadReplies(channel: string, threadTs: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === threadTs);
  }

  /** Messages posted into the DM with a user (conversations.open gives D + user id). */
  directMessages(userId: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === `D${userId}` || m.channel === userId);
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.ephemerals.length = 0;
    this.responses.length = 0;
    this.files.length = 0;
    this.pins.length = 0;
    this.views.clear();
    this.homes.clear();
    this.failures.clear();
    this.delays.clear();
    this.outage = undefined;
  }

  /** A stored message as conversations.history and .replies give it back. */
  private asRead(m: FakeMessage): Record<string, unknown> {
    return {
      type: 'message',
      ts: m.ts,
      text: m.text,
      user: m.user,
      bot_id: this.botId,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.metadata ? { metadata: m.metadata } : {}),
    };
  }

  private nextTs(): string {
    const micros = Math.max(this.clock.now().getTime() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  private async readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private parseArgs(raw: string, contentType: string): Record<string, unknown> {
    if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const args: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      if (jsonArgs.has(k) && /^[[{]/.test(v)) {
        try {
          args[k] = JSON.parse(v);
          continue;
        } catch {
          // fall through: keep the raw string; the method will reject it as Slack does
        }
      }
      args[k] = v;
    }
    return args;
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base || 'http://127.0.0.1');
    const raw = await this.readBody(req);
    if (url.pathname.startsWith('/response/')) {
      const id = url.pathname.slice('/response/'.length);
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      this.responses.push({ id, body });
      this.notify('response_url', body, { ok: true, response_id: id });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      const id = url.pathname.slice('/upload/'.length);
      const pending = this.pendingUploads.get(id);
      if (pending) pending.content = extractUploadContent(raw);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK - 1');
      return;
    }
    if (url.pathname === '/oauth/v2/authorize') {
      this.authorize(url, res);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      this.send(res, 404, { ok: false, error: 'unknown_path' });
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    let args: Record<string, unknown>;
    try {
      args = this.parseArgs(raw, String(req.headers['content-type'] ?? ''));
    } catch {
      this.send(res, 200, { ok: false, error: 'invalid_json' });
      return;
    }
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : String(args.token ?? '');
    const team = this.teamOfToken(token);
    const call: RecordedCall = { method, args, at: new Date(), ok: true, token, team: team?.teamId };
    this.calls.push(call);
    const delay = this.delays.get(method)?.shift();
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    const held = this.held.get(method);
    if (held) await held;

    const outage =
      this.outage && (!this.outage.methods || this.outage.methods.has(method)) && this.outage.while()
        ? this.outage.failure
        : undefined;
    const failure = this.failures.get(method)?.shift() ?? outage;
    if (failure && 'afterEffect' in failure && failure.afterEffect) {
      const result = this.dispatch(method, args);
      this.notify(method, args, result);
    }
    if (failure) {
      call.ok = false;
      if ('status' in failure && failure.status === 429) {
        call.error = 'ratelimited';
        this.send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      } else if ('status' in failure) {
        call.error = `http_${failure.status}`;
        this.send(res, failure.status, { ok: false, error: 'internal_error' });
      } else {
        call.error = failure.error;
        this.send(res, 200, { ok: false, error: failure.error });
      }
      return;
    }

    let result: Record<string, unknown>;
    if (method === 'oauth.v2.access') {
      result = this.oauthAccess(args, auth);
    } else if (method === 'apps.connections.open') {
      // The one method called with the app-level token instead of the bot token.
      if (!this.appToken || token !== this.appToken)
        result = { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
      else
        result = this.socketModeUrl
          ? { ok: true, url: this.socketModeUrl }
          : { ok: false, error: 'socket_mode_not_enabled' };
    } else if (!team) result = { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
    else {
      try {
        result =
          this.crossWorkspace(team.teamId, method, args) ??
          (method === 'auth.test' ? this.authTest(team) : this.dispatch(method, args));
      } catch (err) {
        result = { ok: false, error: err instanceof Error ? err.message : 'internal_error' };
      }
    }
    if (result.ok !== true) {
      call.ok = false;
      call.error = String(result.error);
    }
    this.notify(method, args, result);
    this.send(res, 200, result);
  }

  /** The browser at Slack's authorize page, its admin approving for `team`: back to the app with a code. */
  private authorize(url: URL, res: ServerResponse): void {
    const team = this.teams.get(url.searchParams.get('team') ?? '');
    const redirect = url.searchParams.get('redirect_uri') ?? this.oauthRedirectUrl;
    if (!team || !redirect || url.searchParams.get('client_id') !== this.oauthClient.id) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('unknown team, client_id or redirect_uri');
      return;
    }
    const code = `code-${randomUUID()}`;
    this.oauthCodes.set(code, team.teamId);
    const back = new URL(redirect);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  /** oauth.v2.access: a code (used once) for a new bot token of its team, checked against the app's credentials. */
  private oauthAccess(args: Record<string, unknown>, auth: string): Record<string, unknown> {
    const basic = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':') : [];
    const clientId = String(args.client_id ?? basic[0] ?? '');
    const secret = String(args.client_secret ?? basic[1] ?? '');
    if (clientId !== this.oauthClient.id || secret !== this.oauthClient.secret)
      return { ok: false, error: 'invalid_client' };
    const teamId = this.oauthCodes.get(String(args.code ?? ''));
    if (!teamId) return { ok: false, error: 'invalid_code' };
    this.oauthCodes.delete(String(args.code));
    const team = this.teams.get(teamId) as FakeTeam;
    const token = `xoxb-${teamId}-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    team.tokens.push(token);
    return {
      ok: true,
      app_id: 'A0POCBOT',
      authed_user: { id: `U0ADMIN${teamId.replace(/^T0?/, '')}` },
      scope: 'channels:history,chat:write,commands',
      token_type: 'bot',
      access_token: token,
      bot_user_id: team.botUserId,
      team: team.orgWide ? null : { id: team.teamId, name: team.teamId },
      enterprise: team.enterpriseId ? { id: team.enterpriseId, name: team.enterpriseId } : null,
      is_enterprise_install: Boolean(team.orgWide),
    };
  }

  private authTest(team: {
    teamId: string;
    enterpriseId?: string | undefined;
    botUserId: string;
    botId: string;
    orgWide?: boolean;
  }): Record<string, unknown> {
    return {
      ok: true,
      url: 'https://vendor.example/',
      team: team.teamId,
      user: 'pocbot',
      team_id: team.teamId,
      user_id: team.botUserId,
      bot_id: team.botId,
      ...(team.enterpriseId ? { enterprise_id: team.enterpriseId } : {}),
      ...(team.orgWide ? { is_enterprise_install: true } : {}),
    };
  }

  /**
   * A call with one workspace's token about another installed workspace's channel or user fails
   * as Slack answers it (the bot of that workspace cannot see it), so a token mix-up shows.
   */
  private crossWorkspace(
    tokenTeam: string,
    method: string,
    a: Record<string, unknown>,
  ): Record<string, unknown> | undefined {
    const other = (teamId: string | undefined) =>
      teamId !== undefined &&
      teamId !== tokenTeam &&
      (this.teams.has(teamId) || (teamId === this.teamId && this.teams.size > 0));
    const channel =
      typeof a.channel === 'string' ? a.channel : typeof a.channel_id === 'string' ? a.channel_id : undefined;
    if (channel) {
      const c = this.channels.get(channel);
      if (c && other(c.teamId ?? this.teamId)) return { ok: false, error: 'channel_not_found' };
      const dmUser = channel.startsWith('D') ? channel.slice(1) : /^[UW]/.test(channel) ? channel : undefined;
      if (dmUser && other(this.users.get(dmUser)?.team_id)) return { ok: false, error: 'channel_not_found' };
    }
    for (const key of ['user', 'users', 'user_id']) {
      const user = typeof a[key] === 'string' ? (a[key] as string) : undefined;
      if (user && other(this.users.get(user)?.team_id))
        return {
          ok: false,
          error:
            method === 'conversations.open'
              ? 'user_not_found'
              : method === 'chat.postEphemeral'
                ? 'user_not_in_channel'
                : 'user_not_found',
        };
    }
    return undefined;
  }

  private channelError(channel: string, forPosting: boolean): string | undefined {
    if (!channel) return 'channel_not_found';
    if (/^[UW]/.test(channel) || channel.startsWith('D')) {
      const user = this.users.get(channel.startsWith('D') ? channel.slice(1) : channel);
      if (user?.deleted) return 'account_inactive';
      if (user?.is_bot) return 'cannot_dm_bot';
      return undefined;
    }
    const c = this.channels.get(channel);
    if (!c) return this.channels.size > 0 && forPosting && !/^[CG]/.test(channel) ? 'channel_not_found' : undefined;
    if (c.gone) return 'channel_not_found';
    if (c.archived) return 'is_archived';
    if (c.botNotMember && forPosting) return 'not_in_channel';
    return undefined;
  }

  private dispatch(method: string, a: Record<string, unknown>): Record<string, unknown> {
    const str = (k: string): string => (typeof a[k] === 'string' ? (a[k] as string) : '');
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://vendor.example/',
          team: 'Vendor',
          user: 'pocbot',
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: this.botId,
        };
      case 'chat.postMessage': {
        const channel = str('channel');
        const err = this.channelError(channel, true);
        if (err) return { ok: false, error: err };
        const problem = this.messageProblems(a);
        if (problem) return { ok: false, error: problem };
        const target = channel.startsWith('U') || channel.startsWith('W') ? `D${channel}` : channel;
        const message: FakeMessage = {
          channel: target,
          ts: this.nextTs(),
          text: str('text'),
          user: this.botUserId,
          edits: [],
          postedAt: this.clock.now(),
          ...(Array.isArray(a.blocks) ? { blocks: a.blocks } : {}),
          ...(str('thread_ts') ? { threadTs: str('thread_ts') } : {}),
          ...(typeof a.metadata === 'object' && a.metadata !== null
            ? { metadata: a.metadata as FakeMessage['metadata'] }
            : {}),
        };
        this.messages.push(message);
        return { ok: true, channel: target, ts: message.ts, message: { text: message.text, ts: message.ts } };
      }
      case 'chat.update': {
        const m = this.findMessage(str('channel'), str('ts'));
        if (!m) return { ok: false, error: 'message_not_found' };
        const problem = this.messageProblems(a);
        if (problem) return { ok: false, error: problem };
        m.edits.push({ text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}) });
        m.text = str('text') || m.text;
        if (Array.isArray(a.blocks)) m.blocks = a.blocks;
        return { ok: true, channel: m.channel, ts: m.ts };
      }
      case 'chat.postEphemeral': {
        const channel = str('channel');
        const err = this.channelError(channel, true);
        if (err) return { ok: false, error: err };
        if (!this.users.has(str('user')) && this.users.size > 1) return { ok: false, error: 'user_not_in_channel' };
        const problem = this.messageProblems(a);
        if (problem) return { ok: false, error: problem };
        this.ephemerals.push({
          channel,
          user: str('user'),
          text: str('text'),
          ...(Array.isArray(a.blocks) ? { blocks: a.blocks } : {}),
        });
        return { ok: true, message_ts: this.nextTs() };
      }
      case 'chat.getPermalink': {
        const ts = str('message_ts');
        if (!this.findMessage(str('channel'), ts) && !ts) return { ok: false, error: 'message_not_found' };
        return {
          ok: true,
          channel: str('channel'),
          permalink: `https://vendor.slack.test/archives/${str('channel')}/p${ts.replace('.', '')}`,
        };
      }
      case 'conversations.open': {
        const users = str('users').split(',').filter(Boolean);
        const user = users[0] ?? '';
        const u = this.users.get(user);
        if (users.length !== 1 || !user) return { ok: false, error: 'invalid_user_combination' };
        if (u?.deleted) return { ok: false, error: 'account_inactive' };
        if (u?.is_bot) return { ok: false, error: 'cannot_dm_bot' };
        if (this.users.size > 1 && !u) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: `D${user}` } };
      }
      case 'conversations.history': {
        const channel = str('channel');
        const oldest = Number.parseFloat(str('oldest') || '0');
        // Newest first, a page of `limit` at a time, as Slack pages with response_metadata.next_cursor.
        const all = this.messages
          .filter((m) => m.channel === channel && m.threadTs === undefined && Number.parseFloat(m.ts) >= oldest)
          .reverse();
        return this.page(all, str('cursor'), Number(str('limit') || 100));
      }
      case 'conversations.replies': {
        // The thread's parent first, then its replies, oldest first (as Slack gives them).
        const channel = str('channel');
        const ts = str('ts');
        const oldest = Number.parseFloat(str('oldest') || '0');
        const parent = this.findMessage(channel, ts);
        if (!parent) return { ok: false, error: 'thread_not_found' };
        const all = [parent, ...this.threadReplies(channel, ts)].filter(
          (m) => m === parent || Number.parseFloat(m.ts) >= oldest,
        );
        return this.page(all, str('cursor'), Number(str('limit') || 1000));
      }
      case 'conversations.info': {
        const c = this.channels.get(str('channel'));
        if (!c) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id: c.id,
            name: c.name,
            is_archived: Boolean(c.archived),
            is_member: !c.botNotMember,
            is_shared: Boolean(c.extShared),
            is_ext_shared: Boolean(c.extShared),
          },
        };
      }
      case 'users.info': {
        const u = this.users.get(str('user'));
        if (!u) return { ok: false, error: 'user_not_found' };
        const profile = u.reduced_profile
          ? { real_name: u.real_name ?? u.name }
          : {
              real_name: u.real_name ?? u.name,
              status_text: u.status_text ?? '',
              status_emoji: u.status_emoji ?? '',
              status_expiration: u.status_expiration ?? 0,
            };
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: u.team_id,
            name: u.name,
            real_name: u.real_name ?? u.name,
            ...(u.reduced_profile ? {} : { tz: u.tz }),
            deleted: Boolean(u.deleted),
            is_bot: Boolean(u.is_bot),
            profile,
          },
        };
      }
      case 'views.open':
      case 'views.push': {
        const trigger = str('trigger_id');
        const issued = Number(trigger.split('.')[0]);
        if (!trigger || Number.isNaN(issued)) return { ok: false, error: 'invalid_trigger_id' };
        if (this.usedTriggers.has(trigger)) return { ok: false, error: 'exchanged_trigger_id' };
        if (Date.now() - issued > this.triggerTtlMs) return { ok: false, error: 'expired_trigger_id' };
        const view = a.view as Record<string, unknown> | undefined;
        const problem = view ? viewProblems(view) : 'invalid_arguments';
        if (problem) return { ok: false, error: problem };
        this.usedTriggers.add(trigger);
        const id = `V${randomUUID().slice(0, 10).toUpperCase()}`;
        const stored = { id, hash: randomUUID(), view: view ?? {} };
        this.views.set(id, stored);
        return { ok: true, view: { ...stored.view, id, hash: stored.hash } };
      }
      case 'views.update': {
        const stored = this.views.get(str('view_id'));
        if (!stored) return { ok: false, error: 'not_found' };
        if (str('hash') && str('hash') !== stored.hash) return { ok: false, error: 'hash_conflict' };
        const view = a.view as Record<string, unknown> | undefined;
        const problem = view ? viewProblems(view) : 'invalid_arguments';
        if (problem) return { ok: false, error: problem };
        stored.view = view ?? {};
        stored.hash = randomUUID();
        return { ok: true, view: { ...stored.view, id: stored.id, hash: stored.hash } };
      }
      case 'views.publish': {
        const view = a.view as Record<string, unknown> | undefined;
        const problem = view ? viewProblems(view) : 'invalid_arguments';
        if (problem) return { ok: false, error: problem };
        this.homes.set(str('user_id'), view ?? {});
        return { ok: true, view: { ...(view ?? {}), id: `VHOME${str('user_id')}` } };
      }
      case 'pins.add': {
        const c = this.channels.get(str('channel'));
        if (c?.pinError) return { ok: false, error: c.pinError };
        if (this.pins.some((p) => p.channel === str('channel') && p.ts === str('timestamp')))
          return { ok: false, error: 'already_pinned' };
        this.pins.push({ channel: str('channel'), ts: str('timestamp') });
        return { ok: true };
      }
      case 'reactions.add':
        return { ok: true };
      case 'files.getUploadURLExternal': {
        const id = `F${randomUUID().slice(0, 10).toUpperCase()}`;
        this.pendingUploads.set(id, { filename: str('filename'), title: str('filename'), content: '' });
        return { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(a.files) ? a.files : []) as Array<{ id: string; title?: string }>;
        const channel = str('channel_id');
        if (channel) {
          const err = this.channelError(channel, true);
          if (err) return { ok: false, error: err };
        }
        const done = [];
        for (const f of files) {
          const pending = this.pendingUploads.get(f.id);
          if (!pending) return { ok: false, error: 'file_not_found' };
          this.pendingUploads.delete(f.id);
          this.files.push({
            id: f.id,
            filename: pending.filename,
            title: f.title ?? pending.title,
            content: pending.content,
            ...(channel ? { channel } : {}),
            ...(str('thread_ts') ? { threadTs: str('thread_ts') } : {}),
          });
          done.push({ id: f.id, title: f.title ?? pending.title });
        }
        return { ok: true, files: done };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** One page of a history or replies read, with the cursor of the next when there is more. */
  private page(all: FakeMessage[], cursor: string, limit: number): Record<string, unknown> {
    const from = cursor.startsWith('page:') ? Number(cursor.slice('page:'.length)) : 0;
    const more = from + limit < all.length;
    return {
      ok: true,
      messages: all.slice(from, from + limit).map((m) => this.asRead(m)),
      has_more: more,
      ...(more ? { response_metadata: { next_cursor: `page:${from + limit}` } } : {}),
    };
  }

  private messageProblems(a: Record<string, unknown>): string | undefined {
    if (typeof a.blocks === 'string') return 'invalid_blocks_format';
    if (a.blocks === undefined && !a.text) return 'no_text';
    if (Array.isArray(a.blocks)) return blockKitProblems(a.blocks, 'message');
    return undefined;
  }
}

/** The file's bytes from a multipart/form-data or raw upload body. */
function extractUploadContent(raw: string): string {
  const boundary = /^--([^\r\n]+)\r?\n/.exec(raw)?.[1];
  if (!boundary) return raw;
  const part = raw.split(`--${boundary}`).find((p) => p.includes('filename='));
  if (!part) return raw;
  const start = part.indexOf('\r\n\r\n');
  return part.slice(start + 4).replace(/\r\n$/, '');
}
