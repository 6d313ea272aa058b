import { and, eq, inArray, isNull } from 'drizzle-orm';
import { pocs, workspaces } from '../../db/schema.js';
import type { WorkspaceRef, WorkspaceState } from '../domain/workspace.js';
import type { Db } from './db.js';

const keyOf = (ws: WorkspaceRef) => ({ enterpriseId: ws.enterpriseId ?? '', teamId: ws.teamId });

/** Each workspace's install state, and the bulk stop and resume of its POCs' jobs. */
export class WorkspaceStore {
  constructor(private readonly db: Db) {}

  state(ws: WorkspaceRef): WorkspaceState | undefined {
    const k = keyOf(ws);
    return this.db
      .select({ state: workspaces.state })
      .from(workspaces)
      .where(and(eq(workspaces.enterpriseId, k.enterpriseId), eq(workspaces.teamId, k.teamId)))
      .get()?.state;
  }

  setState(ws: WorkspaceRef, state: WorkspaceState, at: Date): void {
    const row = { ...keyOf(ws), state, changedAt: at.toISOString() };
    this.db
      .insert(workspaces)
      .values(row)
      .onConflictDoUpdate({
        target: [workspaces.enterpriseId, workspaces.teamId],
        set: { state: row.state, changedAt: row.changedAt },
      })
      .run();
  }

  /** Halts the jobs of every open POC of the team that runs now; returns how many. */
  haltOpenPocs(teamId: string, reason: string, at: Date): number {
    return this.db
      .update(pocs)
      .set({ jobsHaltedReason: reason, updatedAt: at.toISOString() })
      .where(and(eq(pocs.teamId, teamId), isNull(pocs.closedAt), isNull(pocs.jobsHaltedReason)))
      .run().changes;
  }

  /** Halts the jobs of every open POC of the Enterprise Grid org that runs now (an org-wide uninstall); returns how many. */
  haltOpenPocsOfOrg(enterpriseId: string, reason: string, at: Date): number {
    return this.db
      .update(pocs)
      .set({ jobsHaltedReason: reason, updatedAt: at.toISOString() })
      .where(and(eq(pocs.enterpriseId, enterpriseId), isNull(pocs.closedAt), isNull(pocs.jobsHaltedReason)))
      .run().changes;
  }

  /** Lets the jobs of the org's POCs halted for one of `reasons` run again (an org-wide reinstall); returns how many. */
  resumePocsOfOrg(enterpriseId: string, reasons: readonly string[], at: Date): number {
    return this.db
      .update(pocs)
      .set({ jobsHaltedReason: null, updatedAt: at.toISOString() })
      .where(and(eq(pocs.enterpriseId, enterpriseId), inArray(pocs.jobsHaltedReason, [...reasons])))
      .run().changes;
  }

  /** Lets the jobs of the team's POCs halted for one of `reasons` run again; returns how many. */
  resumePocs(teamId: string, reasons: readonly string[], at: Date): number {
    return this.db
      .update(pocs)
      .set({ jobsHaltedReason: null, updatedAt: at.toISOString() })
      .where(and(eq(pocs.teamId, teamId), inArray(pocs.jobsHaltedReason, [...reasons])))
      .run().changes;
  }
}
