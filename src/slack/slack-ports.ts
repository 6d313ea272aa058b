// Each workspace's SlackPort (services/ports.ts SlackPorts). With the one SLACK_BOT_TOKEN, one
// gateway serves every call. Installed through OAuth, a workspace's gateway carries the token of
// its install (its own, or its org's org-wide one), looked up in the installations table and
// kept until the install changes (forget()). `scopedPort` is the SlackPort the services hold: each
// call goes to the port of the workspace the work is for (workspace-scope.ts).
import type { Logger } from '@slack/bolt';
import { type SlackPort, type SlackPorts, SlackCallError, type WorkspaceKey } from '../services/ports.js';
import { currentWorkspace } from '../workspace-scope.js';
import { type GatewayOptions, SlackGateway } from './gateway.js';

export interface SlackPortsOptions {
  /** The single-token mode's port (a gateway over SLACK_BOT_TOKEN, or the bench's bare one). */
  single?: SlackPort | undefined;
  /** OAuth mode: the bot token serving a workspace, or undefined when it has no install (looked up in the store: a promise). */
  tokenFor?: (ws: WorkspaceKey) => string | undefined | Promise<string | undefined>;
  gateway: Omit<GatewayOptions, 'token'>;
}

const keyOf = (ws: WorkspaceKey): string => `${ws.enterpriseId ?? ''}/${ws.teamId}`;

export class WorkspaceSlackPorts implements SlackPorts {
  private readonly ports = new Map<string, { token: string; port: SlackGateway }>();

  constructor(private readonly options: SlackPortsOptions) {}

  get oauth(): boolean {
    return this.options.single === undefined;
  }

  of(ws: WorkspaceKey): SlackPort {
    if (this.options.single) return this.options.single;
    const known = this.ports.get(keyOf(ws));
    if (known) return known.port;
    let token: string | undefined | Promise<string | undefined>;
    try {
      token = this.options.tokenFor?.(ws);
    } catch (err) {
      return this.unusable(ws, err);
    }
    if (!(token instanceof Promise)) return this.portFor(ws, token);
    // Looked up in the database: the calls made meanwhile go out once it answers.
    return deferredPort(
      token.then(
        (t) => this.portFor(ws, t),
        (err: unknown) => this.unusable(ws, err),
      ),
    );
  }

  /** An unreadable token (start-up checks the key, so an edited row): nothing is sent for it. */
  private unusable(ws: WorkspaceKey, err: unknown): SlackPort {
    this.options.gateway.logger.error(
      `the stored token of workspace ${ws.teamId} cannot be used: ${err instanceof Error ? err.message : String(err)}`,
    );
    return notInstalled;
  }

  private portFor(ws: WorkspaceKey, token: string | undefined): SlackPort {
    if (!token) return notInstalled;
    const key = keyOf(ws);
    const known = this.ports.get(key);
    if (known?.token === token) return known.port;
    // One client per token: an org-wide install's teams share it.
    const shared = [...this.ports.values()].find((p) => p.token === token);
    const port = shared?.port ?? new SlackGateway({ ...this.options.gateway, token });
    this.ports.set(key, { token, port });
    return port;
  }

  /** An install changed or went (reinstall, uninstall, tokens revoked): its token is looked up again. */
  forget(ws?: { teamId?: string | undefined; enterpriseId?: string | undefined }): void {
    if (!ws) {
      this.ports.clear();
      return;
    }
    for (const key of [...this.ports.keys()]) {
      const [enterprise, team] = key.split('/');
      // An org's change reaches every team of the org cached under it.
      if ((ws.enterpriseId && enterprise === ws.enterpriseId) || (ws.teamId && team === ws.teamId))
        this.ports.delete(key);
    }
  }
}

/** A port whose calls wait for the port `found` settles on, then go to it. */
function deferredPort(found: Promise<SlackPort>): SlackPort {
  return {
    postMessage: async (...a) => (await found).postMessage(...a),
    updateMessage: async (...a) => (await found).updateMessage(...a),
    postEphemeral: async (...a) => (await found).postEphemeral(...a),
    postDirect: async (...a) => (await found).postDirect(...a),
    openView: async (...a) => (await found).openView(...a),
    updateView: async (...a) => (await found).updateView(...a),
    publishHome: async (...a) => (await found).publishHome(...a),
    permalink: async (...a) => (await found).permalink(...a),
    pin: async (...a) => (await found).pin(...a),
    uploadMarkdown: async (...a) => (await found).uploadMarkdown(...a),
    userInfo: async (...a) => (await found).userInfo(...a),
    channelInfo: async (...a) => (await found).channelInfo(...a),
    findPostedByKey: async (...a) => (await found).findPostedByKey(...a),
  };
}

const fail = (method: string) => () => Promise.reject(new SlackCallError(method, 'not_installed'));

/** The port of a workspace with no install (never installed, uninstalled, tokens revoked): every call fails, nothing is sent. */
const notInstalled: SlackPort = {
  postMessage: fail('chat.postMessage'),
  updateMessage: fail('chat.update'),
  postEphemeral: fail('chat.postEphemeral'),
  postDirect: fail('chat.postMessage'),
  openView: fail('views.open'),
  updateView: fail('views.update'),
  publishHome: fail('views.publish'),
  permalink: () => Promise.resolve(undefined),
  pin: () => Promise.resolve(false),
  uploadMarkdown: fail('files.uploadV2'),
  userInfo: fail('users.info'),
  channelInfo: fail('conversations.info'),
  findPostedByKey: fail('conversations.history'),
};

/**
 * The SlackPort the services hold: every call goes to the port of the workspace the running work
 * is for. Outside any workspace (nothing in scope) only the single-token mode has a port to use;
 * in OAuth mode such a call fails (`no_workspace`) rather than guess a token.
 */
export function scopedPort(ports: SlackPorts, logger: Logger): SlackPort {
  const port = (method: string): SlackPort => {
    const ws = currentWorkspace();
    if (ws) return ports.of(ws);
    if (ports instanceof WorkspaceSlackPorts && !ports.oauth) return ports.of({ teamId: '' });
    logger.error(`a Slack call (${method}) ran outside any workspace; in OAuth mode it cannot pick a token`);
    throw new SlackCallError(method, 'no_workspace');
  };
  return {
    postMessage: async (...a) => port('chat.postMessage').postMessage(...a),
    updateMessage: async (...a) => port('chat.update').updateMessage(...a),
    postEphemeral: async (...a) => port('chat.postEphemeral').postEphemeral(...a),
    postDirect: async (...a) => port('chat.postMessage').postDirect(...a),
    openView: async (...a) => port('views.open').openView(...a),
    updateView: async (...a) => port('views.update').updateView(...a),
    publishHome: async (...a) => port('views.publish').publishHome(...a),
    permalink: async (...a) => port('chat.getPermalink').permalink(...a),
    pin: async (...a) => port('pins.add').pin(...a),
    uploadMarkdown: async (...a) => port('files.uploadV2').uploadMarkdown(...a),
    userInfo: async (...a) => port('users.info').userInfo(...a),
    channelInfo: async (...a) => port('conversations.info').channelInfo(...a),
    findPostedByKey: async (...a) => port('conversations.history').findPostedByKey(...a),
  };
}
