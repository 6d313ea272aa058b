// The workspace's life with the app: app_uninstalled and tokens_revoked stop the jobs of its POCs
// (everything stored stays), and the app's token working for it again (auth.test at start-up,
// after the operator put in the new token of a reinstall) resumes them.
import { workspaceHaltReasons } from '../domain/jobs-halt.js';
import {
  nextWorkspaceState,
  type WorkspaceEvent,
  type WorkspaceRef,
  type WorkspaceState,
} from '../domain/workspace.js';
import type { ServiceDeps } from './deps.js';

export interface LifecycleOutcome {
  state: WorkspaceState;
  jobs: 'stop' | 'resume' | 'unchanged';
  /** POCs whose jobs stopped or resumed. */
  pocs: number;
}

export class LifecycleService {
  constructor(private readonly deps: ServiceDeps) {}

  async onUninstalled(ws: WorkspaceRef): Promise<LifecycleOutcome> {
    return this.apply(ws, { type: 'app_uninstalled' });
  }

  async onTokensRevoked(ws: WorkspaceRef, bot: readonly string[]): Promise<LifecycleOutcome> {
    return this.apply(ws, { type: 'tokens_revoked', bot });
  }

  async onAuthorized(ws: WorkspaceRef): Promise<LifecycleOutcome> {
    return this.apply(ws, { type: 'authorized' });
  }

  /**
   * An Enterprise Grid org-wide install uninstalled (or its bot token revoked): the org's stored
   * tokens go, and the jobs of every open POC in the org stop (data kept). Returns how many.
   */
  async onOrgUninstalled(
    enterpriseId: string,
    event: 'app_uninstalled' | 'tokens_revoked' = 'app_uninstalled',
  ): Promise<number> {
    const { store, clock, logger } = this.deps;
    const reason = event === 'app_uninstalled' ? workspaceHaltReasons.uninstalled : workspaceHaltReasons.tokens_revoked;
    const pocs = await store.transaction(async () =>
      store.workspaces.haltOpenPocsOfOrg(enterpriseId, reason, clock.now()),
    );
    await this.deps.installs?.forget({ teamId: '', enterpriseId, isEnterpriseInstall: true });
    logger.warn(
      { enterprise: enterpriseId },
      `org ${enterpriseId} (org-wide install): ${reason}; the jobs of its ${pocs} open POC(s) stop, its data stays until it is installed again`,
    );
    return pocs;
  }

  /** The org-wide install is back: the org's POCs halted by its uninstall resume. Returns how many. */
  async onOrgAuthorized(enterpriseId: string): Promise<number> {
    const { store, clock, logger } = this.deps;
    const pocs = await store.transaction(async () =>
      store.workspaces.resumePocsOfOrg(enterpriseId, Object.values(workspaceHaltReasons), clock.now()),
    );
    if (pocs > 0)
      logger.info(
        { enterprise: enterpriseId },
        `org ${enterpriseId}: installed again org-wide; the jobs of ${pocs} POC(s) resume`,
      );
    return pocs;
  }

  async state(ws: WorkspaceRef): Promise<WorkspaceState | undefined> {
    return this.deps.store.workspaces.state(ws);
  }

  private async apply(ws: WorkspaceRef, event: WorkspaceEvent): Promise<LifecycleOutcome> {
    const { store, clock, logger } = this.deps;
    const now = clock.now();
    const about = { team: ws.teamId, ...(ws.enterpriseId ? { enterprise: ws.enterpriseId } : {}) };
    return store.transaction(async () => {
      const current = await store.workspaces.state(ws);
      const decision = nextWorkspaceState(current, event);
      if (decision.state !== current) await store.workspaces.setState(ws, decision.state, now);
      let pocs = 0;
      if (decision.jobs === 'stop') {
        const reason =
          decision.state === 'uninstalled' ? workspaceHaltReasons.uninstalled : workspaceHaltReasons.tokens_revoked;
        pocs = await store.workspaces.haltOpenPocs(ws.teamId, reason, now);
        // The tokens are dead: none is kept (a reinstall through OAuth stores new ones).
        await this.deps.installs?.forget(ws);
        logger.warn(
          about,
          `workspace ${ws.teamId}: ${reason}; the jobs of its ${pocs} open POC(s) stop, its data stays until it is installed again`,
        );
      } else if (decision.jobs === 'resume') {
        pocs = await store.workspaces.resumePocs(ws.teamId, Object.values(workspaceHaltReasons), now);
        logger.info(
          about,
          `workspace ${ws.teamId}: installed again (was ${current}); the jobs of ${pocs} POC(s) resume`,
        );
      }
      return { state: decision.state, jobs: decision.jobs, pocs };
    });
  }
}
