// The OAuth installations, one row per workspace (or per Enterprise Grid org for an org-wide
// install). Tokens go in and come out in clear; in the database they are only ciphertext
// (token-cipher.ts). The only SQL about installations.
import { and, eq } from 'drizzle-orm';
import type { StoreDb } from './handle.js';
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

export class InstallationsStore {
  constructor(
    private readonly h: StoreDb,
    private readonly cipher: TokenCipher,
  ) {}

  private orgWide(enterpriseId: string) {
    const { installations } = this.h.t;
    return and(eq(installations.enterpriseId, enterpriseId), eq(installations.teamId, ''));
  }

  /** Stores an install, replacing the workspace's earlier one (a reinstall, new scopes). */
  async put(record: InstallationRecord, at: Date): Promise<void> {
    const { installations } = this.h.t;
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
    await this.h.run(
      this.h.db
        .insert(installations)
        .values(row)
        .onConflictDoUpdate({ target: [installations.enterpriseId, installations.teamId], set: changed }),
    );
  }

  /**
   * The install that serves this workspace: its own, else its org's org-wide install. An
   * org-wide lookup (Bolt's isEnterpriseInstall) takes only the org's.
   */
  async find(key: WorkspaceKey): Promise<InstallationRecord | undefined> {
    const { installations } = this.h.t;
    const enterpriseId = key.enterpriseId ?? '';
    let row: typeof installations.$inferSelect | undefined;
    if (!key.isEnterpriseInstall && key.teamId) {
      row = await this.h.one(
        this.h.db
          .select()
          .from(installations)
          .where(and(eq(installations.enterpriseId, enterpriseId), eq(installations.teamId, key.teamId))),
      );
    }
    if (!row && enterpriseId)
      row = await this.h.one(this.h.db.select().from(installations).where(this.orgWide(enterpriseId)));
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
  async checkKey(): Promise<number> {
    const { installations } = this.h.t;
    const rows = await this.h.all(this.h.db.select({ botToken: installations.botToken }).from(installations));
    const first = rows[0];
    if (first) this.cipher.decrypt(first.botToken);
    return rows.length;
  }

  /** Forgets the workspace's (or, org-wide, the org's) tokens; returns how many installs went. */
  async delete(key: WorkspaceKey): Promise<number> {
    const { installations } = this.h.t;
    const enterpriseId = key.enterpriseId ?? '';
    if (key.isEnterpriseInstall) return this.h.run(this.h.db.delete(installations).where(this.orgWide(enterpriseId)));
    return this.h.run(
      this.h.db
        .delete(installations)
        .where(and(eq(installations.enterpriseId, enterpriseId), eq(installations.teamId, key.teamId ?? ''))),
    );
  }
}
