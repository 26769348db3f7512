import { ConflictException, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  type Job,
  jobSchema,
  type PriceStatus,
  type PriceSyncRequest,
  priceStatusSchema,
  priceSyncRequestSchema,
} from '@upstock/cin7-contracts';
import { OptionalJsonBody } from '../common/input-edge.js';
import { SupplierId, SupplierScoped } from '../common/supplier.decorator.js';
import { ConnectionsService } from '../connection/connections.service.js';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiTags,
} from '../openapi/openapi.decorators.js';
import { toJob } from '../work/sync-runs.service.js';
import { PriceStatusService } from './price-status.service.js';
import { PriceSyncTrigger } from './price-sync.trigger.js';

@ApiTags('Cin7 Core: prices')
@SupplierScoped()
@Controller('prices')
export class PricesController {
  constructor(
    private readonly trigger: PriceSyncTrigger,
    private readonly status: PriceStatusService,
    private readonly connections: ConnectionsService,
  ) {}

  /** "Sync Cin7 prices": records and enqueues a sync; Cin7 is called by the worker, not in this request. */
  @Post('sync')
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'The price sync job (the one already queued or running, if any)',
    schema: jobSchema,
  })
  @ApiBadRequestResponse({ description: 'Invalid body' })
  @ApiConflictResponse({ description: 'No Cin7 account is connected' })
  async sync(
    @SupplierId() supplierId: string,
    @OptionalJsonBody(priceSyncRequestSchema) body: PriceSyncRequest,
  ): Promise<Job> {
    const connection = await this.connections.describe(supplierId);
    if (connection.status === 'disconnected')
      throw new ConflictException('Connect a Cin7 account before syncing prices');
    const { run } = await this.trigger.forSupplier(supplierId, {
      full: body.full ?? false,
      reason: 'on-demand',
    });
    return toJob(run);
  }

  @Get('status')
  @ApiOkResponse({
    description:
      'Last successful sync, the next one, what changed, the price lists and the Cin7 features not applied',
    schema: priceStatusSchema,
  })
  getStatus(@SupplierId() supplierId: string): Promise<PriceStatus> {
    return this.status.status(supplierId);
  }
}
