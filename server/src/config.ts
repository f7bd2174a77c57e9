/** Configuration from the environment, validated once at start-up (PRODUCT.md §9). */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The platform administrator's password on first start; generated and printed when unset. */
  adminPassword: string | undefined;
  /**
   * The secret of @fastify/cookie (signed cookies); random per start when unset. The session
   * cookie itself is a random token stored hashed in the database, so sessions survive restarts
   * and work on every server either way; the CPR hash key is generated once and kept in the
   * database (platform_settings).
   */
  sessionSecret: string;
  sessionSecretGenerated: boolean;
  demo: boolean;
  logLevel: string;
  /** Static files of the console, served at / when present. */
  consoleDir: string;
  sessionTtlHours: number;
  /**
   * An impact job whose server has not shown a sign of life for this long is taken over by
   * another server (or this one after a restart), or failed after its third attempt.
   */
  impactJobTimeoutSeconds: number;
  loginRateLimit: { max: number; timeWindowMs: number };
  trustProxy: boolean;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^(true|false|1|0|yes|no)$/i.test(raw))
    throw new ConfigError(`${name} must be true or false, not ${JSON.stringify(raw)}`);
  return /^(true|1|yes)$/i.test(raw);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const secret = env.SESSION_SECRET;
  if (secret !== undefined && secret !== '' && secret.length < 32) {
    throw new ConfigError('SESSION_SECRET must be at least 32 characters');
  }
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    sessionSecret: secret || randomBytes(32).toString('hex'),
    sessionSecretGenerated: !secret,
    demo: bool(env, 'DEMO', false),
    logLevel: env.LOG_LEVEL || 'info',
    consoleDir: path.resolve(env.CONSOLE_DIR || './admin-ui/dist'),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    impactJobTimeoutSeconds: int(env, 'IMPACT_JOB_TIMEOUT_SECONDS', 60, 1, 24 * 3600),
    loginRateLimit: { max: int(env, 'LOGIN_RATE_LIMIT', 10, 1, 10000), timeWindowMs: 60_000 },
    trustProxy: bool(env, 'TRUST_PROXY', false),
  };
}
