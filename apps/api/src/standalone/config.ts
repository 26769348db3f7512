import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { generateEncryptionKey } from '../module/security/credential-cipher.js';

/** Every setting of the standalone server, read from the environment in this one place. */
export interface StandaloneConfig {
  port: number;
  host: string;
  databaseUrl: string;
  cin7BaseUrl: string;
  publicBaseUrl: string;
  corsOrigins: string[];
  encryption: { currentKeyId: string; keys: Record<string, string> };
  /** Simulated seconds per real second (benchmarks and tests against a time-scaled sandbox). Default 1. */
  timeScale: number;
  /** When the scaled clock's time starts (epoch ms). Replicas of one time-scaled run share it, or they disagree. */
  timeOrigin: number;
  /** Widening of the call budget's minute, in simulated ms (see Cin7CoreModuleOptions.callWindowMarginMs). */
  callWindowMarginMs?: number;
  schedulerTickMs: number;
  workersEnabled: boolean;
  /** Job queue timings (Cin7CoreModuleOptions of the same names); tests shorten them. */
  work?: {
    jobExpireSeconds?: number;
    jobHeartbeatSeconds?: number;
    runLeaseSeconds?: number;
    jobMaintenanceIntervalSeconds?: number;
  };
  logLevels: ('log' | 'error' | 'warn' | 'debug' | 'verbose')[];
  /** `DEMO_MODE=true` (what `pnpm dev` sets): demo suppliers with public tokens. Refused with NODE_ENV=production. */
  demoMode: boolean;
  /** `HOST_SERVICE_SECRET`: what the reference host's service sends to report approvals; unset refuses them. */
  hostServiceSecret: string | null;
  /** `BENCH_BARE_ROUTE=true`: mounts `GET /bench/bare` (one `SELECT 1`), the baseline of `pnpm bench api-routes`. */
  benchBareRoute: boolean;
}

/** Time runs faster only where that is expected; elsewhere it needs ALLOW_TIME_SCALE=true (a benchmark host). */
const SCALED_TIME_ENVS = ['development', 'test'];

const seconds = (min: number) => z.coerce.number().int().min(min).optional();

/** The environment the standalone server reads, validated at start: a bad value stops it, naming the variable. */
const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string({ error: 'is required (pnpm dev starts an embedded Postgres and sets it)' })
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    CIN7_BASE_URL: z.url().default('http://127.0.0.1:4010/ExternalApi/v2/'),
    PUBLIC_BASE_URL: z.url().optional(),
    CORS_ORIGINS: z.string().default('http://localhost:4173,http://localhost:4174'),
    ENCRYPTION_KEYS: z.string().optional(),
    ENCRYPTION_KEY_ID: z.string().optional(),
    DEV_KEY_FILE: z.string().optional(),
    TIME_SCALE: z.coerce.number().positive().default(1),
    TIME_ORIGIN: z.coerce.number().int().positive().optional(),
    CALL_WINDOW_MARGIN_MS: z.coerce.number().min(0).optional(),
    SCHEDULER_TICK_MS: z.coerce.number().int().min(10).default(60_000),
    WORKERS_ENABLED: z.enum(['true', 'false']).default('true'),
    JOB_EXPIRE_SECONDS: seconds(1),
    JOB_HEARTBEAT_SECONDS: seconds(10),
    RUN_LEASE_SECONDS: seconds(1),
    JOB_MAINTENANCE_INTERVAL_SECONDS: seconds(1),
    LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('warn'),
    NODE_ENV: z.string().optional(),
    ALLOW_TIME_SCALE: z.enum(['true', 'false']).default('false'),
    DEMO_MODE: z.enum(['true', 'false']).default('false'),
    HOST_SERVICE_SECRET: z.string().optional(),
    BENCH_BARE_ROUTE: z.enum(['true', 'false']).default('false'),
  })
  .superRefine((env, ctx) => {
    const scaledTimeExpected =
      SCALED_TIME_ENVS.includes(env.NODE_ENV ?? '') || env.ALLOW_TIME_SCALE === 'true';
    if (env.TIME_SCALE !== 1 && !scaledTimeExpected) {
      ctx.addIssue({
        code: 'custom',
        path: ['TIME_SCALE'],
        message: `is ${env.TIME_SCALE}, but time runs faster only with NODE_ENV=development or test, or ALLOW_TIME_SCALE=true (Cin7's real minute would be broken)`,
      });
    }
  });

export class ConfigError extends Error {}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  log: (msg: string) => void = console.log,
): StandaloneConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const demoMode = e.DEMO_MODE === 'true';
  if (production && demoMode) {
    throw new ConfigError('DEMO_MODE serves public demo tokens: it cannot run with NODE_ENV=production');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    cin7BaseUrl: e.CIN7_BASE_URL,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`,
    corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()),
    encryption: encryptionFrom(env, log, production),
    timeScale: e.TIME_SCALE,
    timeOrigin: e.TIME_ORIGIN ?? Date.now(),
    ...(e.CALL_WINDOW_MARGIN_MS !== undefined ? { callWindowMarginMs: e.CALL_WINDOW_MARGIN_MS } : {}),
    schedulerTickMs: e.SCHEDULER_TICK_MS,
    workersEnabled: e.WORKERS_ENABLED !== 'false',
    work: definedOnly({
      jobExpireSeconds: e.JOB_EXPIRE_SECONDS,
      jobHeartbeatSeconds: e.JOB_HEARTBEAT_SECONDS,
      runLeaseSeconds: e.RUN_LEASE_SECONDS,
      jobMaintenanceIntervalSeconds: e.JOB_MAINTENANCE_INTERVAL_SECONDS,
    }),
    logLevels: logLevelsFrom(e.LOG_LEVEL),
    demoMode,
    hostServiceSecret: e.HOST_SERVICE_SECRET || null,
    benchBareRoute: e.BENCH_BARE_ROUTE === 'true',
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `LOG_LEVEL` = error | warn (default: quiet start, problems only) | info | debug. */
function logLevelsFrom(level: 'error' | 'warn' | 'info' | 'debug'): StandaloneConfig['logLevels'] {
  const order = ['error', 'warn', 'log', 'debug'] as const;
  const upTo = { error: 0, warn: 1, info: 2, debug: 3 }[level];
  return order.slice(0, upTo + 1);
}

/**
 * `ENCRYPTION_KEYS` = `id1:base64key,id2:base64key` with `ENCRYPTION_KEY_ID` naming the current one. Without them the
 * standalone server generates a development key once, keeps it under .data/ and says so; in production that key would
 * be lost with the container, so production refuses to start without them.
 */
function encryptionFrom(env: NodeJS.ProcessEnv, log: (msg: string) => void, production: boolean) {
  if (env.ENCRYPTION_KEYS) {
    const keys = Object.fromEntries(
      env.ENCRYPTION_KEYS.split(',').map((pair) => {
        const [id, key] = pair.split(':');
        if (!id || !key) throw new Error('ENCRYPTION_KEYS must look like "k1:<base64>,k2:<base64>"');
        return [id.trim(), key.trim()];
      }),
    );
    const currentKeyId = env.ENCRYPTION_KEY_ID ?? Object.keys(keys).at(-1) ?? '';
    return { currentKeyId, keys };
  }
  if (production) {
    throw new Error('ENCRYPTION_KEYS is required with NODE_ENV=production (see apps/api/README.md, "Keys")');
  }
  const file = path.resolve(env.DEV_KEY_FILE ?? '.data/dev-encryption-key.json');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ currentKeyId: 'dev1', keys: { dev1: generateEncryptionKey() } }), {
      mode: 0o600,
    });
    log(`Generated a development encryption key in ${file} (set ENCRYPTION_KEYS in production).`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as { currentKeyId: string; keys: Record<string, string> };
}
