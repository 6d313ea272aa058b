// Tokens at rest: AES-256-GCM under TOKEN_ENCRYPTION_KEY. A fresh 12-byte IV per value, and the
// GCM tag checked on the way out, so a wrong key (or an edited row) fails loudly instead of
// handing Slack garbage. Stored as `v1:<iv>:<tag>:<ciphertext>`, each part base64: the version
// leaves room for another scheme (a rotated key) without guessing.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const version = 'v1';

/** The key as TOKEN_ENCRYPTION_KEY gives it: 32 bytes, as 64 hex digits or base64. Undefined when it is not that. */
export function parseTokenKey(value: string): Buffer | undefined {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

export class TokenDecryptionError extends Error {
  override name = 'TokenDecryptionError';
}

export class TokenCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the token key must be 32 bytes (AES-256)');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [version, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  decrypt(stored: string): string {
    const [v, iv, tag, body] = stored.split(':');
    if (v !== version || !iv || !tag || body === undefined)
      throw new TokenDecryptionError('a stored token is not in the v1 format (was it written by this app?)');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenDecryptionError(
        'a stored token cannot be decrypted: TOKEN_ENCRYPTION_KEY is not the key it was encrypted with (or the row was altered)',
      );
    }
  }
}
