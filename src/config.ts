import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/** Everything the app reads from the environment, validated once. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  BASE_PATH: z
    .string()
    .default('')
    .transform((v) => v.replace(/\/+$/, ''))
    .refine((v) => v === '' || v.startsWith('/'), 'BASE_PATH must start with /'),
  TRUST_PROXY: z.string().default('false'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  DOCUMENT_MAX_MB: z.coerce.number().positive().max(1024).default(25),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  basePath: string;
  trustProxy: boolean | string | number;
  sessionSecret: string;
  sessionHours: number;
  cookieSecure: 'auto' | boolean;
  bodyLimit: number;
  /** Largest customer document upload, in bytes (DOCUMENT_MAX_MB). */
  documentMaxBytes: number;
  logLevel: string;
};

function parseTrustProxy(value: string): boolean | string | number {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value; // comma-separated addresses or CIDRs
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    basePath: e.BASE_PATH,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    // Without a configured secret, sessions still live in the database; only the
    // signed cookies (CSRF, flash) are reset on restart.
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionHours: e.SESSION_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    bodyLimit: e.BODY_LIMIT_BYTES,
    documentMaxBytes: Math.floor(e.DOCUMENT_MAX_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    ...overrides,
  };
}
