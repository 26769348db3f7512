import { Injectable } from '@nestjs/common';
import { SyncRuns } from '../work/sync-runs.service.js';

/** Runs one price sync (a SyncRuns run of kind `price-sync`). */
@Injectable()
export class PriceSyncService {
  constructor(private readonly runs: SyncRuns) {}

  async run(runId: string): Promise<void> {
    await this.runs.execute(runId, async () => ({}));
  }
}
