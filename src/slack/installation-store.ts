// Bolt's InstallationStore over the installations table (store/installations.ts): the OAuth
// redirect stores a workspace's install here, and Bolt's authorize fetches it for every request
// (context.botToken, the listener's client). An org-wide Enterprise Grid install is kept and
// found by its enterprise id. What happens around an install (the workspace's POCs resuming, the
// cached port forgetting an old token) is the composition root's, through the callbacks.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { InstallationsStore } from '../store/installations.js';

export interface InstallationEvents {
  /** A workspace (or org) was installed, or installed again. */
  installed?: (ws: {
    teamId: string | undefined;
    enterpriseId: string | undefined;
    isEnterpriseInstall: boolean;
  }) => void | Promise<void>;
  /** Its install was deleted (Bolt's deleteInstallation). */
  deleted?: (ws: {
    teamId: string | undefined;
    enterpriseId: string | undefined;
    isEnterpriseInstall: boolean;
  }) => void;
}

export class PocbotInstallationStore implements InstallationStore {
  constructor(
    private readonly store: InstallationsStore,
    private readonly clock: Clock,
    private readonly events: InstallationEvents = {},
  ) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void> {
    const bot = installation.bot;
    // pocbot speaks as its bot only: an install without one (a user-token-only grant) is of no use.
    if (!bot?.token) throw new Error('the installation carries no bot token (is the bot scope list empty?)');
    const isEnterpriseInstall = installation.isEnterpriseInstall === true;
    const ws = { teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall };
    if (!isEnterpriseInstall && !ws.teamId) throw new Error('the installation names no team');
    if (isEnterpriseInstall && !ws.enterpriseId) throw new Error('the org-wide installation names no enterprise');
    await this.store.put(
      {
        ...ws,
        botToken: bot.token,
        botUserId: bot.userId,
        botId: bot.id,
        scopes: bot.scopes ?? [],
        installerUserId: installation.user?.id,
        installation,
      },
      this.clock.now(),
    );
    await this.events.installed?.(ws);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const found = await this.store.find({
      teamId: query.teamId,
      enterpriseId: query.enterpriseId,
      isEnterpriseInstall: query.isEnterpriseInstall,
    });
    // Bolt turns a throw into an AuthorizationError (the receiver answers 401, logged once).
    if (!found)
      throw new Error(
        `no installation for ${query.isEnterpriseInstall ? `org ${query.enterpriseId}` : `team ${query.teamId}`}`,
      );
    return found.installation as Installation<'v1' | 'v2', boolean>;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const ws = {
      teamId: query.teamId,
      enterpriseId: query.enterpriseId,
      isEnterpriseInstall: query.isEnterpriseInstall,
    };
    await this.store.delete(ws);
    this.events.deleted?.(ws);
  }
}
