import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { sqliteStoreDb } from '../../src/store/handle.js';
import { type InstallationRecord, InstallationsStore } from '../../src/store/installations.js';
import { parseTokenKey, TokenCipher, TokenDecryptionError } from '../../src/store/token-cipher.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dbFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'pocbot-inst-'));
  dirs.push(d);
  return join(d, 'pocbot.db');
}

const at = new Date('2026-11-24T15:00:00Z');
const key = randomBytes(32);
const token = 'xoxb-9999-secret-token-ACME';

function record(over: Partial<InstallationRecord> = {}): InstallationRecord {
  return {
    teamId: 'T0ACME',
    enterpriseId: undefined,
    isEnterpriseInstall: false,
    botToken: token,
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    scopes: ['chat:write', 'commands'],
    installerUserId: 'U0SE',
    installation: { team: { id: 'T0ACME' }, bot: { token } },
    ...over,
  };
}

describe('TOKEN_ENCRYPTION_KEY', () => {
  it('takes 32 bytes as hex or base64, and nothing else', () => {
    expect(parseTokenKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(parseTokenKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseTokenKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(parseTokenKey(randomBytes(16).toString('hex'))).toBeUndefined();
    expect(parseTokenKey(randomBytes(31).toString('base64'))).toBeUndefined();
    expect(parseTokenKey('not a key at all')).toBeUndefined();
  });
});

describe('InstallationsStore', () => {
  it('keeps only ciphertext in the database file, and gives the token back under the same key', async () => {
    const path = dbFile();
    const opened = openDatabase(path);
    const store = new InstallationsStore(sqliteStoreDb(opened.db), new TokenCipher(key));
    await store.put(record(), at);
    const raw = opened.sqlite.prepare('select bot_token, installation from installations').get() as {
      bot_token: string;
      installation: string;
    };
    expect(raw.bot_token).toMatch(/^v1:/);
    expect(raw.bot_token).not.toContain('secret-token');
    expect(raw.installation).not.toContain('secret-token');
    opened.close();
    // Nor anywhere in the file's bytes (the WAL is checkpointed on close).
    expect(readFileSync(path).includes(Buffer.from('secret-token'))).toBe(false);

    const again = openDatabase(path);
    const found = await new InstallationsStore(sqliteStoreDb(again.db), new TokenCipher(key)).find({
      teamId: 'T0ACME',
    });
    again.close();
    expect(found?.botToken).toBe(token);
    expect(found?.installation).toEqual({ team: { id: 'T0ACME' }, bot: { token } });
    expect(found?.scopes).toEqual(['chat:write', 'commands']);
  });

  it('fails clearly under the wrong key, never handing back garbage', async () => {
    const opened = openDatabase(dbFile());
    await new InstallationsStore(sqliteStoreDb(opened.db), new TokenCipher(key)).put(record(), at);
    const wrong = new InstallationsStore(sqliteStoreDb(opened.db), new TokenCipher(randomBytes(32)));
    await expect(wrong.find({ teamId: 'T0ACME' })).rejects.toThrow(TokenDecryptionError);
    await expect(wrong.find({ teamId: 'T0ACME' })).rejects.toThrow(/TOKEN_ENCRYPTION_KEY is not the key/);
    // What start-up runs: the wrong key is refused before any workspace is served.
    await expect(wrong.checkKey()).rejects.toThrow(TokenDecryptionError);
    expect(await new InstallationsStore(sqliteStoreDb(opened.db), new TokenCipher(key)).checkKey()).toBe(1);
    opened.close();
  });

  it('resolves a team of an Enterprise Grid org through the org-wide install, by enterprise id', async () => {
    const opened = openDatabase(dbFile());
    const store = new InstallationsStore(sqliteStoreDb(opened.db), new TokenCipher(key));
    await store.put(
      record({ teamId: 'T0WHATEVER', enterpriseId: 'E0GRID', isEnterpriseInstall: true, botToken: 'xoxb-org-token' }),
      at,
    );
    expect((await store.find({ teamId: 'T0ANY', enterpriseId: 'E0GRID' }))?.botToken).toBe('xoxb-org-token');
    expect((await store.find({ enterpriseId: 'E0GRID', isEnterpriseInstall: true }))?.isEnterpriseInstall).toBe(true);
    // Another org, or a team outside any org, gets nothing from it.
    expect(await store.find({ teamId: 'T0ANY', enterpriseId: 'E0OTHER' })).toBeUndefined();
    expect(await store.find({ teamId: 'T0ANY' })).toBeUndefined();
    // A team's own install in the org wins over the org-wide one.
    await store.put(record({ teamId: 'T0OWN', enterpriseId: 'E0GRID', botToken: 'xoxb-own-token' }), at);
    expect((await store.find({ teamId: 'T0OWN', enterpriseId: 'E0GRID' }))?.botToken).toBe('xoxb-own-token');
    expect(await store.delete({ enterpriseId: 'E0GRID', isEnterpriseInstall: true })).toBe(1);
    expect(await store.find({ teamId: 'T0ANY', enterpriseId: 'E0GRID' })).toBeUndefined();
    opened.close();
  });

  it('replaces a reinstall in place and forgets a deleted one', async () => {
    const opened = openDatabase(dbFile());
    const store = new InstallationsStore(sqliteStoreDb(opened.db), new TokenCipher(key));
    await store.put(record(), at);
    await store.put(record({ botToken: 'xoxb-new-token' }), new Date(at.getTime() + 1000));
    expect((await store.find({ teamId: 'T0ACME' }))?.botToken).toBe('xoxb-new-token');
    expect(await store.delete({ teamId: 'T0ACME' })).toBe(1);
    expect(await store.find({ teamId: 'T0ACME' })).toBeUndefined();
    opened.close();
  });
});
