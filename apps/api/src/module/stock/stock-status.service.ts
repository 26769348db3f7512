import { Injectable } from '@nestjs/common';
import type { StockPass, StockStatus } from '@upstock/cin7-contracts';
import { DataSource } from 'typeorm';
import { SyncRuns } from '../work/sync-runs.service.js';
import { StockSettingsService } from './stock-settings.service.js';

/** What the panel's Stock section shows: the setting, the last and next pass, webhook counters. */
@Injectable()
export class StockStatusService {
  constructor(
    private readonly settings: StockSettingsService,
    private readonly runs: SyncRuns,
    private readonly dataSource: DataSource,
  ) {}

  async status(supplierId: string): Promise<StockStatus> {
    const settings = await this.settings.get(supplierId);
    const resolved = await this.settings.resolve(supplierId);
    const [state]: {
      locations: string[] | null;
      next_pass_at: Date | null;
      webhooks_applied: number;
      webhooks_hinted: number;
      last_webhook_at: Date | null;
    }[] = await this.dataSource.query(`SELECT * FROM cin7_stock_state WHERE supplier_id = $1`, [supplierId]);
    const run = await this.runs.latest(supplierId, 'stock-sync');
    const lastPass: StockPass | null = run
      ? {
          runId: run.id,
          state: run.state,
          startedAt: run.startedAt?.toISOString() ?? null,
          finishedAt: run.finishedAt?.toISOString() ?? null,
          rowsRead: Number((run.checkpoint as { rowsRead?: number } | null)?.rowsRead ?? 0),
          productsUpdated: run.progress.updated,
          skipped: run.progress.skipped,
          skippedItems: run.skippedItems,
          error: run.error,
        }
      : null;
    return {
      settings,
      // What the last pass summed (forgotten when the settings change), else what the settings say today.
      effectiveLocations: state?.locations ?? resolved?.locations ?? null,
      lastPass,
      nextPassAt: settings.enabled ? (state?.next_pass_at?.toISOString() ?? null) : null,
      webhooks: {
        applied: state?.webhooks_applied ?? 0,
        hinted: state?.webhooks_hinted ?? 0,
        lastAt: state?.last_webhook_at?.toISOString() ?? null,
      },
    };
  }
}
