import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  ENCRYPTION_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
};
const load = (env: Record<string, string>) => () => loadConfig(env, () => undefined);

describe('the standalone configuration', () => {
  it('reads a valid environment with its defaults', () => {
    const config = load({ ...base, JOB_HEARTBEAT_SECONDS: '15' })();
    expect(config).toMatchObject({
      port: 3000,
      timeScale: 1,
      schedulerTickMs: 60_000,
      workersEnabled: true,
      work: { jobHeartbeatSeconds: 15 },
      logLevels: ['error', 'warn'],
      benchBareRoute: false,
    });
  });

  it('stops at a bad value, naming the variable', () => {
    expect(load({ ...base, PORT: 'eighty' })).toThrow(ConfigError);
    expect(load({ ...base, PORT: 'eighty' })).toThrow(/PORT/);
    expect(load({ ...base, SCHEDULER_TICK_MS: '-5' })).toThrow(/SCHEDULER_TICK_MS/);
    expect(load({ ...base, JOB_HEARTBEAT_SECONDS: '5' })).toThrow(/JOB_HEARTBEAT_SECONDS/);
    expect(load({ ...base, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(load({ ...base, BENCH_BARE_ROUTE: 'yes' })).toThrow(/BENCH_BARE_ROUTE/);
    expect(load({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
    expect(load({ ENCRYPTION_KEYS: base.ENCRYPTION_KEYS })).toThrow(/DATABASE_URL is required/);
  });

  it('refuses scaled time outside development and tests unless explicitly allowed', () => {
    expect(load({ ...base, TIME_SCALE: '60', NODE_ENV: 'production' })).toThrow(/TIME_SCALE is 60/);
    expect(load({ ...base, TIME_SCALE: '60' })).toThrow(/TIME_SCALE/);
    expect(load({ ...base, TIME_SCALE: '60', NODE_ENV: 'test' })().timeScale).toBe(60);
    expect(load({ ...base, TIME_SCALE: '60', NODE_ENV: 'development' })().timeScale).toBe(60);
    expect(load({ ...base, TIME_SCALE: '60', ALLOW_TIME_SCALE: 'true' })().timeScale).toBe(60);
    expect(load({ ...base, NODE_ENV: 'production' })().timeScale).toBe(1);
  });
});
