// Sends Slack-shaped requests to a running pocbot, signed as Slack signs them
// (v0 HMAC-SHA256 over `v0:<timestamp>:<raw body>`), for tests, the demo and the bench.
import { createHmac, randomUUID } from 'node:crypto';

export interface SentResponse {
  status: number;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  /** Milliseconds from send to the full response. */
  ms: number;
}

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature (to test rejection). */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface CommandFields {
  text: string;
  userId: string;
  channelId: string;
  teamId?: string;
  command?: string;
  triggerId?: string;
  responseUrl?: string;
}

export class SlackRequests {
  constructor(
    /** The app's base URL, e.g. http://127.0.0.1:3000 */
    readonly appUrl: string,
    private readonly signingSecret: string,
    readonly defaults: { teamId: string; apiAppId?: string; responseUrl: () => string; triggerId: () => string },
  ) {}

  async send(body: string, contentType: string, options: SignOptions = {}): Promise<SentResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? signature(this.signingSecret, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
    }
    const started = performance.now();
    const res = await fetch(`${this.appUrl}/slack/events`, { method: 'POST', headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, ms: performance.now() - started };
  }

  commandBody(fields: CommandFields): string {
    return new URLSearchParams({
      token: 'deprecated-verification-token',
      team_id: fields.teamId ?? this.defaults.teamId,
      team_domain: 'vendor',
      channel_id: fields.channelId,
      channel_name: fields.channelId.toLowerCase(),
      user_id: fields.userId,
      user_name: fields.userId.toLowerCase(),
      command: fields.command ?? '/poc',
      text: fields.text,
      api_app_id: this.defaults.apiAppId ?? 'A0POCBOT',
      response_url: fields.responseUrl ?? this.defaults.responseUrl(),
      trigger_id: fields.triggerId ?? this.defaults.triggerId(),
    }).toString();
  }

  command(fields: CommandFields, options?: SignOptions): Promise<SentResponse> {
    return this.send(this.commandBody(fields), 'application/x-www-form-urlencoded', options);
  }

  /** Wraps an inner event in the Events API envelope; returns the event_id used. */
  eventBody(
    event: Record<string, unknown>,
    eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
    teamId?: string,
  ): { body: string; eventId: string } {
    const team = teamId ?? this.defaults.teamId;
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: team,
      api_app_id: this.defaults.apiAppId ?? 'A0POCBOT',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: team, user_id: 'U0POCBOT', is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: true,
    });
    return { body, eventId };
  }

  event(
    event: Record<string, unknown>,
    options: SignOptions & { eventId?: string; teamId?: string } = {},
  ): Promise<SentResponse> {
    const { body } = this.eventBody(event, options.eventId, options.teamId);
    return this.send(body, 'application/json', options);
  }

  urlVerification(challenge: string, options?: SignOptions): Promise<SentResponse> {
    return this.send(JSON.stringify({ token: 'x', challenge, type: 'url_verification' }), 'application/json', options);
  }

  /** block_actions, view_submission, view_closed…: sent as Slack does, form-encoded `payload`. */
  interaction(payload: Record<string, unknown>, options?: SignOptions): Promise<SentResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.send(body, 'application/x-www-form-urlencoded', options);
  }
}
