import { BadRequestException, ConflictException, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  type Job,
  jobSchema,
  type StockSettings,
  type StockStatus,
  stockSettingsSchema,
  stockStatusSchema,
} from '@upstock/cin7-contracts';
import { DataSource } from 'typeorm';
import { JsonBody, NoBody } from '../common/input-edge.js';
import { SupplierId, SupplierScoped } from '../common/supplier.decorator.js';
import { ConnectionsService } from '../connection/connections.service.js';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiTags,
} from '../openapi/openapi.decorators.js';
import { JobQueue, QUEUES } from '../work/job-queue.service.js';
import { toJob } from '../work/sync-runs.service.js';
import { StockSettingsService } from './stock-settings.service.js';
import { StockStatusService } from './stock-status.service.js';
import { StockSyncScheduler } from './stock-sync.scheduler.js';
import { StockWriter } from './stock-writer.service.js';

@ApiTags('Cin7 Core: stock')
@SupplierScoped()
@Controller('stock')
export class StockController {
  constructor(
    private readonly settings: StockSettingsService,
    private readonly status: StockStatusService,
    private readonly scheduler: StockSyncScheduler,
    private readonly connections: ConnectionsService,
    private readonly writer: StockWriter,
    private readonly queue: JobQueue,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'The stock setting, the last and next pass, webhook counters',
    schema: stockStatusSchema,
  })
  get(@SupplierId() supplierId: string): Promise<StockStatus> {
    return this.status.status(supplierId);
  }

  /**
   * Saves the choice. Turning it on (or changing it while on) starts a pass at once; the stock webhook is registered
   * or removed with the shipment ones. Cin7 is called by background work, not in this request.
   */
  @Put('settings')
  @ApiOkResponse({ description: 'Saved stock settings', schema: stockSettingsSchema })
  @ApiBadRequestResponse({ description: 'Invalid value, or the host takes no stock availability' })
  async replace(
    @SupplierId() supplierId: string,
    @JsonBody(stockSettingsSchema) body: StockSettings,
  ): Promise<StockSettings> {
    if (body.enabled && !this.writer.inventory)
      throw new BadRequestException('This Upstock installation does not take stock from Cin7 yet');
    const before = await this.settings.get(supplierId);
    const saved = await this.settings.replace(supplierId, body);
    if (before.enabled && !saved.enabled) await this.writer.clear(supplierId);
    // The locations webhooks sum are the last pass's: forget them so a change of locations is not mixed.
    await this.dataSource.query(`UPDATE cin7_stock_state SET locations = NULL WHERE supplier_id = $1`, [
      supplierId,
    ]);
    if ((await this.connections.describe(supplierId)).status === 'disconnected') return saved;
    if (saved.enabled) await this.scheduler.passNow(supplierId, 'settings');
    await this.queue.send(
      QUEUES.webhooks,
      { supplierId, action: 'check' },
      { singletonKey: `webhooks:${supplierId}` },
    );
    return saved;
  }

  /** "Sync stock now": a full pass (the one already queued or running, if any). */
  @Post('sync')
  @HttpCode(202)
  @NoBody()
  @ApiAcceptedResponse({ description: 'The stock pass job', schema: jobSchema })
  @ApiConflictResponse({ description: 'No Cin7 account is connected, or stock sync is off' })
  async sync(@SupplierId() supplierId: string): Promise<Job> {
    if ((await this.connections.describe(supplierId)).status === 'disconnected')
      throw new ConflictException('Connect a Cin7 account before syncing stock');
    if (!(await this.settings.get(supplierId)).enabled)
      throw new ConflictException('Turn stock sync on before syncing stock');
    return toJob(await this.scheduler.passNow(supplierId, 'on-demand'));
  }
}
