import { Controller, HttpCode, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { OrderSync } from '@upstock/cin7-contracts';
import { Cin7CoreExceptionFilter } from '../common/exception.filter.js';
import { HostCallGuard } from '../common/host-call.guard.js';
import { InputEdgeGuard } from '../common/input-edge.js';
import { SupplierId } from '../common/supplier.decorator.js';
import { OrderPushService } from './order-push.service.js';

/**
 * For hosts running in another process; an in-process host calls OrderPushService.recordApproval instead. Behind
 * the host's own service auth (ports.hostCalls), never a supplier's token.
 */
@ApiTags('Cin7 Core: orders')
@UseGuards(HostCallGuard, InputEdgeGuard)
@UseFilters(Cin7CoreExceptionFilter)
@Controller('orders')
export class OrderApprovalsController {
  constructor(private readonly pushes: OrderPushService) {}

  @Post(':orderId/approved')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'The push is recorded and queued (approving twice changes nothing)' })
  @ApiUnauthorizedResponse({ description: "The caller is not the host's service (ports.hostCalls)" })
  @ApiNotFoundResponse({ description: 'No such order' })
  @ApiConflictResponse({
    description: 'The order is not approved in the host, or no Cin7 account is connected',
  })
  approved(@SupplierId() supplierId: string, @Param('orderId') orderId: string): Promise<OrderSync> {
    return this.pushes.approveFromRoute(supplierId, orderId);
  }
}
