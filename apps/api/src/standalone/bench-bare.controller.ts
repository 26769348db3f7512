import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * `GET /bench/bare`: one `SELECT 1` and nothing else (no auth, no module). Mounted only with BENCH_BARE_ROUTE=true so
 * `pnpm bench api-routes` can compare the module's routes with the cheapest route of the same app in the same run
 * (p99_ratio): on a shared machine absolute latencies are noise, the ratio is not.
 */
@Controller('bench')
export class BenchBareController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('bare')
  async bare(): Promise<{ ok: true }> {
    await this.dataSource.query('SELECT 1');
    return { ok: true };
  }
}
