import { Controller, Get, Inject } from '@nestjs/common';
import type { Health } from '@upstock/cin7-contracts';
import { DataSource } from 'typeorm';
import type { StandaloneConfig } from './config.js';

const CIN7_CHECK_TTL_MS = 30_000;

/** Liveness of the standalone server and what it depends on: the database and the Cin7 API (the sandbox in dev). */
@Controller('health')
export class HealthController {
  private cin7Check: { at: number; result: Promise<'up' | 'down'> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject('STANDALONE_CONFIG') private readonly config: StandaloneConfig,
  ) {}

  @Get()
  async health(): Promise<Health> {
    const [database, cin7] = await Promise.all([this.database(), this.cin7()]);
    return { status: database === 'up' && cin7 === 'up' ? 'ok' : 'degraded', database, cin7 };
  }

  private async database(): Promise<'up' | 'down'> {
    try {
      await this.dataSource.query('SELECT 1');
      return 'up';
    } catch {
      return 'down';
    }
  }

  /**
   * Any HTTP answer (even 403 without credentials) means Cin7 is reachable; no call budget is spent on it. Checked
   * at most once per CIN7_CHECK_TTL_MS however often health is asked (a load balancer polls it), and callers during
   * a check share it.
   */
  private cin7(): Promise<'up' | 'down'> {
    const now = Date.now();
    if (!this.cin7Check || now - this.cin7Check.at > CIN7_CHECK_TTL_MS) {
      this.cin7Check = {
        at: now,
        result: fetch(new URL('me', this.config.cin7BaseUrl), { signal: AbortSignal.timeout(2_000) }).then(
          () => 'up' as const,
          () => 'down' as const,
        ),
      };
    }
    return this.cin7Check.result;
  }
}
