// The OAuth installations, one row per workspace (or per Enterprise Grid org for an org-wide
// install). Tokens go in and come out in clear; in the database they are only ciphertext
// (token-cipher.ts). The only SQL about installations.
import { and, eq } from 'drizzle-orm';
import { installations } from '../../db/schema.js';
import type { Db } from './db.js';
import type { TokenCipher } from './token-cipher.js';

/** A workspace, or an Enterprise Grid org: what a request, a POC or an outbox row names. */
export interface WorkspaceKey {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  /** An org-wide install: found by the enterprise id alone. */
  isEnterpriseInstall?: boolean | undefined;
}

export interface InstallationRecord {
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
  botToken: string;
  botUserId: string;
  botId: string;
  scopes: string[];
  installerUserId: string | undefined;
  /** The whole installation as Bolt gave it (JSON-safe). */
  installation: unknown;
}

const orgWide = (enterpriseId: string) =>
  and(eq(installations.enterpriseId, enterpriseId), eq(installations.teamId, ''));

export class InstallationsStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: TokenCipher,
  ) {}

  /** Stores an install, replacing the workspace's earlier one (a reinstall, new scopes). */
  put(record: InstallationRecord, at: Date): void {
    const now = at.toISOString();
    const row = {
      enterpriseId: record.enterpriseId ?? '',
      // An org-wide install belongs to the org; any team id it came with is not its key.
      teamId: record.isEnterpriseInstall ? '' : (record.teamId ?? ''),
      isEnterpriseInstall: record.isEnterpriseInstall,
      botToken: this.cipher.encrypt(record.botToken),
      botUserId: record.botUserId,
      botId: record.botId,
      scopes: record.scopes.join(','),
      installerUserId: record.installerUserId ?? null,
      installation: this.cipher.encrypt(JSON.stringify(record.installation)),
      installedAt: now,
      updatedAt: now,
    };
    const { installedAt: _first, enterpriseId: _e, teamId: _t, ...changed } = row;
    this.db
      .insert(installations)
      .values(row)
      .onConflictDoUpdate({ target: [installations.enterpriseId, installations.teamId], set: changed })
      .run();
  }

  /**
   * The install that serves this workspace: its own, else its org's org-wide install. An
   * org-wide lookup (Bolt's isEnterpriseInstall) takes only the org's.
   */
  find(key: WorkspaceKey): InstallationRecord | undefined {
    const enterpriseId = key.enterpriseId ?? '';
    let row: typeof installations.$inferSelect | undefined;
    if (!key.isEnterpriseInstall && key.teamId) {
      row = this.db
        .select()
        .from(installations)
        .where(and(eq(installations.enterpriseId, enterpriseId), eq(installations.teamId, key.teamId)))
        .get();
    }
    if (!row && enterpriseId) row = this.db.select().from(installations).where(orgWide(enterpriseId)).get();
    if (!row) return undefined;
    return {
      teamId: row.teamId || undefined,
      enterpriseId: row.enterpriseId || undefined,
      isEnterpriseInstall: row.isEnterpriseInstall,
      botToken: this.cipher.decrypt(row.botToken),
      botUserId: row.botUserId,
      botId: row.botId,
      scopes: row.scopes ? row.scopes.split(',') : [],
      installerUserId: row.installerUserId ?? undefined,
      installation: JSON.parse(this.cipher.decrypt(row.installation)) as unknown,
    };
  }

  /**
   * Decrypts one stored token: throws TokenDecryptionError when TOKEN_ENCRYPTION_KEY is not the
   * key they were stored under (start-up refuses then, rather than fail every workspace's calls).
   * Returns how many installs are stored.
   */
  checkKey(): number {
    const rows = this.db.select({ botToken: installations.botToken }).from(installations).all();
    const first = rows[0];
    if (first) this.cipher.decrypt(first.botToken);
    return rows.length;
  }

  /** Forgets the workspace's (or, org-wide, the org's) tokens; returns how many installs went. */
  delete(key: WorkspaceKey): number {
    const enterpriseId = key.enterpriseId ?? '';
    if (key.isEnterpriseInstall) return this.db.delete(installations).where(orgWide(enterpriseId)).run().changes;
    return this.db
      .delete(installations)
      .where(and(eq(installations.enterpriseId, enterpriseId), eq(installations.teamId, key.teamId ?? '')))
      .run().changes;
  }
}
