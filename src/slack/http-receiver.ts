// The HTTP receiver pocbot listens with: Bolt's HTTPReceiver, made to answer every bad request
// cleanly (a 4xx or an empty 200 and exactly one log line) instead of Bolt's defaults, which
// crash on a signed `null` body, answer 500 to a signed payload missing its parts, and leave
// an unroutable one hanging for 3 s before a 404 and two log lines.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  AuthorizationError,
  type InstallationStore,
  type CustomRoute,
  HTTPModuleFunctions,
  HTTPReceiver,
  type Logger,
  type ReceiverEvent,
  type ReceiverProcessEventErrorHandlerArgs,
  isValidSlackRequest,
} from '@slack/bolt';

/** Slack's recipe refuses a request timestamp more than 5 minutes from now, in either direction. */
export const maxClockSkewSec = 5 * 60;

export interface HttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  endpoint: string;
  customRoutes?: CustomRoute[];
  /** Wall-clock seconds; request freshness is about real time, never the app's (test) clock. */
  nowSec?: () => number;
  /** Installing through OAuth: Bolt's install path (/slack/install) and redirect (/slack/oauth_redirect) are served. */
  oauth?: HttpReceiverOAuth | undefined;
}

export interface HttpReceiverOAuth {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  scopes: string[];
  installationStore: InstallationStore;
  /** Slack's authorize page (another for GovSlack, or a local Slack-compatible API). */
  authorizationUrl: string;
  /** The Web API client the OAuth exchange (oauth.v2.access, auth.test) uses. */
  clientOptions: Record<string, unknown>;
}

const wallClockSec = (): number => Math.floor(Date.now() / 1000);

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Bolt checks only the lower bound (SLACK-PLATFORM.md §3.3); this adds the upper one. */
export function isFromTheFuture(req: IncomingMessage, nowSec: number): boolean {
  const timestamp = Number(headerOf(req, 'x-slack-request-timestamp'));
  return Number.isFinite(timestamp) && timestamp > nowSec + maxClockSkewSec;
}

/** A parsed body Bolt can read fields of: anything but null, a primitive or an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const jsonWhitespace = new Set([0x20, 0x09, 0x0a, 0x0d]);

function hasFormKey(form: Buffer, key: string): boolean {
  for (let at = form.indexOf(`${key}=`); at >= 0; at = form.indexOf(`${key}=`, at + 1)) {
    if (at === 0 || form[at - 1] === 0x26 /* & */) return true;
  }
  return false;
}

/**
 * Whether Bolt's parse of the body (HTTPModuleFunctions.parseHTTPRequestBody) gives an object it
 * can read fields of, or throws (Bolt then verifies and answers its own one-line 400). Decided
 * without parsing for what Slack sends: a form without `payload` (slash commands) always parses
 * to an object, and so does JSON that starts with `{`; every other body is parsed here once.
 */
function parsesToObject(req: IncomingMessage & { rawBody: Buffer }): boolean {
  const body = req.rawBody;
  if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
    if (!hasFormKey(body, 'payload')) return true;
  } else {
    let i = 0;
    while (i < body.length && jsonWhitespace.has(body[i] as number)) i++;
    if (body[i] === 0x7b) return true;
  }
  try {
    return isRecord(HTTPModuleFunctions.parseHTTPRequestBody(req));
  } catch {
    return true;
  }
}

/** A request turned away with `status` by a wrapper of processEvent (the inbox: 503 when it cannot store it). */
export class RefusedRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RefusedRequest';
  }
}

// One line, never a stack: Bolt's own default handler logs at error level and answers 500.
function processEventErrorHandler(logger: Logger) {
  return async ({ error, response }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    if (response.headersSent) {
      logger.error('a Slack request failed after it was acknowledged:', error);
      return true;
    }
    if (error instanceof RefusedRequest) {
      // Logged once where it was refused (the inbox); Slack retries an event it did not get a 2xx for.
      refuse(response, error.status);
      return true;
    }
    if (error instanceof AuthorizationError) {
      logger.warn(`refused a Slack request that could not be authorized: ${error.message}`);
      refuse(response, 401);
      return true;
    }
    logger.warn(`refused a malformed Slack payload (400): ${error.message}`);
    refuse(response, 400);
    return true;
  };
}

export function createHttpReceiver(options: HttpReceiverOptions): HTTPReceiver {
  const { logger, signingSecret, endpoint } = options;
  const nowSec = options.nowSec ?? wallClockSec;
  const receiver = new HTTPReceiver({
    signingSecret,
    logger,
    endpoints: endpoint,
    customRoutes: options.customRoutes ?? [],
    processEventErrorHandler: processEventErrorHandler(logger),
    ...(options.oauth
      ? {
          clientId: options.oauth.clientId,
          clientSecret: options.oauth.clientSecret,
          stateSecret: options.oauth.stateSecret,
          scopes: options.oauth.scopes,
          installationStore: options.oauth.installationStore,
          installerOptions: {
            // The install page links to Slack (no auto-redirect), and the state is checked against
            // the browser's cookie, so an install cannot be started by one person and finished by another.
            directInstall: false,
            stateVerification: true,
            authorizationUrl: options.oauth.authorizationUrl,
            clientOptions: options.oauth.clientOptions,
          },
        }
      : {}),
  });

  const boltListener = receiver.requestListener;
  const guarded = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (isFromTheFuture(req, nowSec())) {
      logger.warn('refused a Slack request whose timestamp is more than 5 minutes in the future (401)');
      refuse(res, 401);
      return;
    }
    // Buffer here (Bolt reuses req.rawBody) so a body Bolt would crash on is answered first.
    try {
      await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
    } catch (err) {
      const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && err.statusCode === 413;
      logger.warn(`refused a Slack request whose body could not be read (${tooLarge ? 413 : 400})`);
      refuse(res, tooLarge ? 413 : 400);
      return;
    }
    const buffered = req as IncomingMessage & { rawBody: Buffer };
    if (!parsesToObject(buffered)) {
      const signed = isValidSlackRequest({
        signingSecret,
        body: buffered.rawBody.toString(),
        headers: {
          'x-slack-signature': headerOf(req, 'x-slack-signature') ?? '',
          'x-slack-request-timestamp': Number(headerOf(req, 'x-slack-request-timestamp')),
        },
      });
      logger.warn(`refused a Slack request whose body is not a JSON object (${signed ? 400 : 401})`);
      refuse(res, signed ? 400 : 401);
      return;
    }
    boltListener(req, res);
  };

  receiver.requestListener = (req, res) => {
    // Slack posts to the endpoint itself; anything else is parsed the way Bolt routes it.
    const path = req.url === endpoint ? endpoint : new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== endpoint) {
      boltListener(req, res);
      return;
    }
    guarded(req, res).catch((err: unknown) => {
      logger.error('a Slack request failed before Bolt saw it:', err);
      refuse(res, 500);
    });
  };
  return receiver;
}

/**
 * Bolt's own rule for what it can route (helpers.getTypeAndConversation), mirrored so an
 * unroutable body is answered at once instead of waiting out the 3 s ack timer.
 */
export function isRoutable(body: Record<string, unknown>): boolean {
  const type = body.type;
  return (
    body.event !== undefined ||
    body.command !== undefined ||
    body.name !== undefined ||
    body.actions !== undefined ||
    ['block_suggestion', 'dialog_submission', 'shortcut', 'message_action', 'view_submission', 'view_closed'].includes(
      String(type),
    )
  );
}

/**
 * The field Bolt's matchers would call a string method on and that is not a string (a correctly
 * signed but malformed payload): each of its listeners would throw and log an error.
 */
export function malformedPart(body: Record<string, unknown>): string | undefined {
  const event = body.event;
  if (isRecord(event) && typeof event.type !== 'string') return 'event.type';
  if (
    Array.isArray(body.actions) &&
    body.actions.some(
      (a) =>
        !isRecord(a) || typeof a.action_id !== 'string' || (a.block_id !== undefined && typeof a.block_id !== 'string'),
    )
  ) {
    return 'actions[].action_id';
  }
  if (isRecord(body.view) && typeof body.view.callback_id !== 'string') return 'view.callback_id';
  if (body.command !== undefined && typeof body.command !== 'string') return 'command';
  if ((body.type === 'shortcut' || body.type === 'message_action') && typeof body.callback_id !== 'string')
    return 'callback_id';
  return undefined;
}

function describe(body: Record<string, unknown>): string {
  const view = isRecord(body.view) ? body.view : undefined;
  const action = Array.isArray(body.actions) && isRecord(body.actions[0]) ? body.actions[0] : undefined;
  const parts = [
    typeof body.type === 'string' ? body.type : typeof body.command === 'string' ? body.command : 'payload',
    typeof view?.callback_id === 'string' ? `callback_id=${view.callback_id}` : undefined,
    typeof action?.action_id === 'string' ? `action_id=${action.action_id}` : undefined,
  ];
  return parts.filter(Boolean).join(' ').slice(0, 200);
}

/**
 * Every request gets an answer once the listeners are done: a payload nothing acknowledged
 * (an unknown callback_id or action_id, an unroutable body) gets an empty 200 and one line,
 * instead of Bolt's 3 s wait, a 404 and an error line.
 */
export function answerUnacknowledged(app: App, logger: Logger): void {
  const dispatch = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    let acked = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      acked = true;
      await event.ack(response);
    };
    const body = event.body;
    if (!isRoutable(body)) {
      logger.warn(`ignored a Slack payload of no known kind (${describe(body)})`);
      await ack();
      return;
    }
    const malformed = malformedPart(body);
    if (malformed) {
      logger.warn(`ignored a malformed Slack payload (${malformed} is not a string)`);
      await ack();
      return;
    }
    await dispatch({ ...event, ack });
    if (acked) return;
    logger.warn(`no listener answered ${describe(body)}; acknowledged it and did nothing`);
    // Past the 3 s timer, Bolt has already answered; the late ack has nowhere to go.
    await ack().catch(() => undefined);
  };
}
