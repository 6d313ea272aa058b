// A workspace's life with the app. Installed, its POCs' jobs run; uninstalled, or its bot token
// revoked, they stop and everything stored stays; installed again (the app's token works for the
// workspace once more), they resume. Keyed by team and Enterprise Grid org, so many workspaces
// can each have their own.

export const workspaceStates = ['installed', 'uninstalled', 'tokens_revoked'] as const;
export type WorkspaceState = (typeof workspaceStates)[number];

export interface WorkspaceRef {
  teamId: string;
  /** The Enterprise Grid org, when the workspace is part of one. */
  enterpriseId?: string | undefined;
}

export type WorkspaceEvent =
  | { type: 'app_uninstalled' }
  /** `bot`: the bot users whose tokens were revoked (Slack's `tokens.bot`); user tokens alone do not matter, pocbot uses none. */
  | { type: 'tokens_revoked'; bot: readonly string[] }
  /** The app's bot token for this workspace was verified (auth.test at start-up, or a new installation). */
  | { type: 'authorized' };

export interface WorkspaceDecision {
  state: WorkspaceState;
  /** What happens to the workspace's POCs' jobs. */
  jobs: 'stop' | 'resume' | 'unchanged';
}

export const isStopped = (state: WorkspaceState | undefined): boolean =>
  state === 'uninstalled' || state === 'tokens_revoked';

/** The workspace's next state, from its current one (undefined: never seen, so installed) and what happened. */
export function nextWorkspaceState(current: WorkspaceState | undefined, event: WorkspaceEvent): WorkspaceDecision {
  const state = current ?? 'installed';
  switch (event.type) {
    case 'app_uninstalled':
      // After a revoked token, an uninstall changes what the state says, not the jobs: they are stopped.
      return { state: 'uninstalled', jobs: isStopped(state) ? 'unchanged' : 'stop' };
    case 'tokens_revoked':
      if (event.bot.length === 0 || isStopped(state)) return { state, jobs: 'unchanged' };
      return { state: 'tokens_revoked', jobs: 'stop' };
    case 'authorized':
      return { state: 'installed', jobs: isStopped(state) ? 'resume' : 'unchanged' };
  }
}
