/**
 * Logger options: pino, with secrets and CPR numbers kept out. Headers that carry credentials
 * are redacted by path; every logged string is scrubbed of CPR-shaped numbers, wherever it is.
 */
import type { LoggerOptions } from 'pino';
import { redactCprInText } from '../domain/cpr.js';

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactCprInText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const e = new Error(redactCprInText(value.message));
    e.name = value.name;
    e.stack = value.stack ? redactCprInText(value.stack) : undefined;
    return e;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  // Class instances (Fastify's request and reply) are left to their serializers below.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/**
 * A URL as it may be logged: percent-decoded first (react-admin sends `filter={"q":"0101501234"}`
 * as `%220101501234%22`, where the "2" of `%22` would hide the number from the pattern).
 */
export function redactUrl(url: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    // malformed escapes: blank them out so a number right after one is still seen
    decoded = url.replace(/%[0-9A-Fa-f]{2}/g, ' ');
  }
  return redactCprInText(decoded);
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'password',
        'password_hash',
        'key',
        'token',
        'sessionSecret',
        'adminPassword',
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.password_hash',
        '*.key',
        '*.token',
        '*.sessionSecret',
        '*.adminPassword',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: { method?: string; url?: string; hostname?: string; ip?: string }) {
        return {
          method: req.method,
          url: req.url ? redactUrl(req.url) : req.url,
          host: req.hostname,
          remoteAddress: req.ip,
        };
      },
    },
    hooks: {
      logMethod(args, method) {
        const clean = args.map((a) => scrub(a, 0)) as typeof args;
        method.apply(this, clean);
      },
    },
  };
}
