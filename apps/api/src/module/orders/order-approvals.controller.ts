import { Controller, HttpCode, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import { type OrderSync, orderSyncSchema } from '@upstock/cin7-contracts';
import { Cin7CoreExceptionFilter } from '../common/exception.filter.js';
import { HostCallGuard } from '../common/host-call.guard.js';
import { InputEdgeGuard, NoBody } from '../common/input-edge.js';
import { SupplierId } from '../common/supplier.decorator.js';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '../openapi/openapi.decorators.js';
import { OrderPushService } from './order-push.service.js';

/**
 * For hosts running in another process; an in-process host calls Cin7OrderApprovals.recordApproval instead. Behind
 * the host's own service auth (ports.hostCalls), never a supplier's token.
 */
@ApiTags('Cin7 Core: orders')
@UseGuards(HostCallGuard, InputEdgeGuard)
@ApiSecurity('hostService')
@UseFilters(Cin7CoreExceptionFilter)
@Controller('orders')
export class OrderApprovalsController {
  constructor(private readonly pushes: OrderPushService) {}

  @Post(':orderId/approved')
  @HttpCode(202)
  @NoBody()
  @ApiAcceptedResponse({
    description: 'The push is recorded and queued (approving twice changes nothing)',
    schema: orderSyncSchema,
  })
  @ApiUnauthorizedResponse({ description: "The caller is not the host's service (ports.hostCalls)" })
  @ApiNotFoundResponse({ description: 'No such order' })
  @ApiConflictResponse({
    description: 'The order is not approved in the host, or no Cin7 account is connected',
  })
  approved(@SupplierId() supplierId: string, @Param('orderId') orderId: string): Promise<OrderSync> {
    return this.pushes.approveFromRoute(supplierId, orderId);
  }
}
