// Every Slack request, counted and timed for /metrics and named for the logs: its kind
// (`event:reaction_added`, `command:/poc`, `block_actions`…), outcome and ack latency, and the
// team, channel, user and event or request id that every log line written while handling it
// carries (log-context.ts). Over HTTP the clock starts when the request arrives and stops when
// the response is written; in Socket Mode, from Bolt receiving the envelope to its ack.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, HTTPReceiver, ReceiverEvent } from '@slack/bolt';
import { currentBindings, type LogBindings, runWithBindings } from '../log-context.js';
import type { Metrics } from './metrics.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A label value from a request field: short, and only characters Slack uses in these names. */
function label(text: string): string {
  return text.replace(/[^A-Za-z0-9_:/.-]/g, '_').slice(0, 48);
}

/** Sets `field` on `into` when `value` is a non-empty string (no undefined fields: the object stays small and fast). */
function put(into: LogBindings, field: keyof LogBindings & string, value: unknown): void {
  if (typeof value === 'string' && value !== '') into[field] = value;
}

/**
 * The request's kind (a metrics label) and what its log lines carry, written into `into` (the
 * bindings of the request's log context).
 */
export function describeRequest(body: unknown, into: LogBindings = {}): LogBindings & { kind: string } {
  const out = into as LogBindings & { kind: string };
  if (!isObj(body)) {
    out.kind = 'unknown';
    return out;
  }
  if (body.type === 'event_callback' && isObj(body.event)) {
    const e = body.event;
    out.kind = label(`event:${str(e.type) ?? 'unknown'}`);
    const authorization =
      Array.isArray(body.authorizations) && isObj(body.authorizations[0]) ? body.authorizations[0] : undefined;
    put(out, 'team', str(body.team_id) ?? authorization?.team_id);
    put(out, 'enterprise', body.enterprise_id);
    put(
      out,
      'channel',
      str(e.channel) ?? (isObj(e.item) ? e.item.channel : isObj(e.channel) ? e.channel.id : undefined),
    );
    put(out, 'user', str(e.user) ?? (isObj(e.user) ? e.user.id : undefined));
    put(out, 'event_id', body.event_id);
    return out;
  }
  if (str(body.command)) {
    out.kind = label(`command:${str(body.command)}`);
    put(out, 'team', body.team_id);
    put(out, 'enterprise', body.enterprise_id);
    put(out, 'channel', body.channel_id);
    put(out, 'user', body.user_id);
    out.request_id = randomUUID();
    return out;
  }
  out.kind = label(str(body.type) ?? 'unknown');
  put(out, 'team', isObj(body.team) ? body.team.id : undefined);
  put(out, 'enterprise', isObj(body.enterprise) ? body.enterprise.id : undefined);
  put(
    out,
    'channel',
    isObj(body.channel) ? body.channel.id : isObj(body.container) ? body.container.channel_id : undefined,
  );
  put(out, 'user', isObj(body.user) ? body.user.id : undefined);
  out.request_id = randomUUID();
  return out;
}

/** What became of a request, from the HTTP status it got. */
export function outcomeOf(status: number): string {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403) return 'refused';
  if (status === 404) return 'unanswered';
  if (status >= 500) return 'error';
  return 'invalid';
}

/** The bindings objects of requests timed at the HTTP layer (Bolt's wrapper fills them in). */
const httpRequests = new WeakSet<LogBindings>();

/** Times and counts every POST to `endpoint`; the other routes (/healthz, /metrics) are not Slack requests. */
export function instrumentHttpReceiver(receiver: HTTPReceiver, endpoint: string, metrics: Metrics): void {
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !(req.url === endpoint || req.url?.startsWith(`${endpoint}?`))) {
      inner(req, res);
      return;
    }
    const started = performance.now();
    const bindings: LogBindings = {};
    httpRequests.add(bindings);
    res.once('finish', () => {
      const kind = bindings.kind ?? 'unknown';
      metrics.requests.inc({ kind, outcome: outcomeOf(res.statusCode) });
      metrics.ackSeconds.observe({ kind }, (performance.now() - started) / 1000);
    });
    runWithBindings(bindings, () => inner(req, res));
  };
}

/**
 * Names each request Bolt processes (its log lines carry its team, channel…) and, in Socket Mode
 * where no HTTP request is around it, times it to its ack and counts it.
 */
export function instrumentBolt(app: App, metrics: Metrics): void {
  const dispatch = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const outer = currentBindings();
    if (outer && httpRequests.has(outer)) {
      describeRequest(event.body, outer);
      return dispatch(event);
    }
    const described = describeRequest(event.body);
    const kind = described.kind;
    const started = performance.now();
    let counted = false;
    const count = (outcome: string) => {
      if (counted) return;
      counted = true;
      metrics.requests.inc({ kind, outcome });
      metrics.ackSeconds.observe({ kind }, (performance.now() - started) / 1000);
    };
    const ack: ReceiverEvent['ack'] = async (response) => {
      await event.ack(response);
      count('ok');
    };
    try {
      await runWithBindings(described, () => dispatch({ ...event, ack }));
    } catch (err) {
      count('error');
      throw err;
    }
  };
}
