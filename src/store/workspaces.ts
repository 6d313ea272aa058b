import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { WorkspaceRef, WorkspaceState } from '../domain/workspace.js';
import type { StoreDb } from './handle.js';

const keyOf = (ws: WorkspaceRef) => ({ enterpriseId: ws.enterpriseId ?? '', teamId: ws.teamId });

/** Each workspace's install state, and the bulk stop and resume of its POCs' jobs. */
export class WorkspaceStore {
  constructor(private readonly h: StoreDb) {}

  async state(ws: WorkspaceRef): Promise<WorkspaceState | undefined> {
    const { workspaces } = this.h.t;
    const k = keyOf(ws);
    const row = await this.h.one(
      this.h.db
        .select({ state: workspaces.state })
        .from(workspaces)
        .where(and(eq(workspaces.enterpriseId, k.enterpriseId), eq(workspaces.teamId, k.teamId))),
    );
    return row?.state;
  }

  async setState(ws: WorkspaceRef, state: WorkspaceState, at: Date): Promise<void> {
    const { workspaces } = this.h.t;
    const row = { ...keyOf(ws), state, changedAt: at.toISOString() };
    await this.h.run(
      this.h.db
        .insert(workspaces)
        .values(row)
        .onConflictDoUpdate({
          target: [workspaces.enterpriseId, workspaces.teamId],
          set: { state: row.state, changedAt: row.changedAt },
        }),
    );
  }

  /** Halts the jobs of every open POC of the team that runs now; returns how many. */
  async haltOpenPocs(teamId: string, reason: string, at: Date): Promise<number> {
    const { pocs } = this.h.t;
    return this.h.run(
      this.h.db
        .update(pocs)
        .set({ jobsHaltedReason: reason, updatedAt: at.toISOString() })
        .where(and(eq(pocs.teamId, teamId), isNull(pocs.closedAt), isNull(pocs.jobsHaltedReason))),
    );
  }

  /** Halts the jobs of every open POC of the Enterprise Grid org that runs now (an org-wide uninstall); returns how many. */
  async haltOpenPocsOfOrg(enterpriseId: string, reason: string, at: Date): Promise<number> {
    const { pocs } = this.h.t;
    return this.h.run(
      this.h.db
        .update(pocs)
        .set({ jobsHaltedReason: reason, updatedAt: at.toISOString() })
        .where(and(eq(pocs.enterpriseId, enterpriseId), isNull(pocs.closedAt), isNull(pocs.jobsHaltedReason))),
    );
  }

  /** Lets the jobs of the org's POCs halted for one of `reasons` run again (an org-wide reinstall); returns how many. */
  async resumePocsOfOrg(enterpriseId: string, reasons: readonly string[], at: Date): Promise<number> {
    const { pocs } = this.h.t;
    return this.h.run(
      this.h.db
        .update(pocs)
        .set({ jobsHaltedReason: null, updatedAt: at.toISOString() })
        .where(and(eq(pocs.enterpriseId, enterpriseId), inArray(pocs.jobsHaltedReason, [...reasons]))),
    );
  }

  /** Lets the jobs of the team's POCs halted for one of `reasons` run again; returns how many. */
  async resumePocs(teamId: string, reasons: readonly string[], at: Date): Promise<number> {
    const { pocs } = this.h.t;
    return this.h.run(
      this.h.db
        .update(pocs)
        .set({ jobsHaltedReason: null, updatedAt: at.toISOString() })
        .where(and(eq(pocs.teamId, teamId), inArray(pocs.jobsHaltedReason, [...reasons]))),
    );
  }
}
