/**
 * Credential primitives: passwords hashed with argon2id (memory-hard; OWASP's 19 MiB, t=2, p=1),
 * session tokens and API keys as 256-bit random secrets stored only as SHA-256 hashes (they are
 * random, so a fast hash is enough — and lets the server find them by hash).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 /* argon2id */ } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A throw-away hash to verify against when the user does not exist (same timing as a real one). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** An API key: "rvk_" + 8-character prefix (shown in lists) + "_" + 43-character secret. */
export function newApiKey(): { key: string; prefix: string } {
  const prefix = randomBytes(6).toString('base64url').slice(0, 8);
  return { key: `rvk_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** A readable random password for generated accounts (admin, demo users). */
export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

export const PASSWORD_POLICY = { minLength: 10, maxLength: 200 } as const;
