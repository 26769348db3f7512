import { Controller, Get, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type ShipmentPollQueued,
  type ShipmentSyncStatus,
  shipmentPollQueuedSchema,
  shipmentSyncStatusSchema,
} from '@upstock/cin7-contracts';
import { Repository } from 'typeorm';
import { NoBody } from '../common/input-edge.js';
import { SupplierId, SupplierScoped } from '../common/supplier.decorator.js';
import { ConnectionsService } from '../connection/connections.service.js';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '../openapi/openapi.decorators.js';
import { SettingsService } from '../settings/settings.service.js';
import { ConnectionGoneError } from '../work/call-budget.js';
import { ShipmentScheduleEntity } from './state/shipment-schedule.entity.js';
import { ShipmentScheduler } from './sync/shipment-scheduler.service.js';

@ApiTags('Cin7 Core: shipments')
@SupplierScoped()
@Controller('shipments')
export class ShipmentsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly settings: SettingsService,
    private readonly scheduler: ShipmentScheduler,
    @InjectRepository(ShipmentScheduleEntity) private readonly schedules: Repository<ShipmentScheduleEntity>,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'How shipments come back: webhook registration and the reconciling poll',
    schema: shipmentSyncStatusSchema,
  })
  @ApiNotFoundResponse({ description: 'No Cin7 account is connected' })
  async status(@SupplierId() supplierId: string): Promise<ShipmentSyncStatus> {
    const connection = await this.active(supplierId);
    const [schedule, settings] = await Promise.all([
      this.schedules.findOneBy({ supplierId }),
      this.settings.get(supplierId),
    ]);
    return {
      webhooks: connection.webhookState,
      pollIntervalMinutes: settings.shipmentPollIntervalMinutes,
      lastPollAt: schedule?.lastPollAt?.toISOString() ?? null,
      nextPollAt: schedule?.nextPollAt?.toISOString() ?? null,
      lastPollCalls: schedule?.lastPollCalls ?? null,
      cursor: schedule?.cursor?.toISOString() ?? null,
    };
  }

  @Post('poll')
  @HttpCode(202)
  @NoBody()
  @ApiAcceptedResponse({
    description: 'A poll of Cin7 for shipped, changed and voided sales is queued',
    schema: shipmentPollQueuedSchema,
  })
  @ApiNotFoundResponse({ description: 'No Cin7 account is connected' })
  async pollNow(@SupplierId() supplierId: string): Promise<ShipmentPollQueued> {
    await this.active(supplierId);
    await this.scheduler.pollNow(supplierId);
    return { queued: true };
  }

  private async active(supplierId: string) {
    try {
      return await this.connections.requireActive(supplierId);
    } catch (error) {
      if (error instanceof ConnectionGoneError) throw new NotFoundException('No Cin7 account is connected');
      throw error;
    }
  }
}
