import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
  logLevels: ('log' | 'error' | 'warn' | 'debug' | 'verbose')[];
  /** `DEMO_MODE=true` (what `pnpm dev` sets): demo suppliers with public tokens. Refused with NODE_ENV=production. */
  demoMode: boolean;
  /** `HOST_SERVICE_SECRET`: what the reference host's service sends to report approvals; unset refuses them. */
  hostServiceSecret: string | null;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  log: (msg: string) => void = console.log,
): StandaloneConfig {
  const port = Number(env.PORT ?? 3000);
  const production = env.NODE_ENV === 'production';
  const demoMode = env.DEMO_MODE === 'true';
  if (production && demoMode) {
    throw new Error('DEMO_MODE serves public demo tokens: it cannot run with NODE_ENV=production');
  }
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl)
    throw new Error('DATABASE_URL is required (pnpm dev starts an embedded Postgres and sets it)');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    cin7BaseUrl: env.CIN7_BASE_URL ?? 'http://127.0.0.1:4010/ExternalApi/v2/',
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`,
    corsOrigins: (env.CORS_ORIGINS ?? 'http://localhost:4173,http://localhost:4174')
      .split(',')
      .map((s) => s.trim()),
    encryption: encryptionFrom(env, log, production),
    timeScale: Number(env.TIME_SCALE ?? 1),
    timeOrigin: Number(env.TIME_ORIGIN ?? Date.now()),
    ...(env.CALL_WINDOW_MARGIN_MS ? { callWindowMarginMs: Number(env.CALL_WINDOW_MARGIN_MS) } : {}),
    schedulerTickMs: Number(env.SCHEDULER_TICK_MS ?? 60_000),
    workersEnabled: env.WORKERS_ENABLED !== 'false',
    logLevels: logLevelsFrom(env.LOG_LEVEL),
    demoMode,
    hostServiceSecret: env.HOST_SERVICE_SECRET || null,
  };
}

/** `LOG_LEVEL` = error | warn (default: quiet start, problems only) | info | debug. */
function logLevelsFrom(level = 'warn'): StandaloneConfig['logLevels'] {
  const order = ['error', 'warn', 'log', 'debug'] as const;
  const upTo = { error: 0, warn: 1, info: 2, debug: 3 }[level];
  if (upTo === undefined) throw new Error(`LOG_LEVEL must be error, warn, info or debug (got "${level}")`);
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
