import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type HeldOrders,
  heldOrdersSchema,
  type OrderPreview,
  type OrderSync,
  type OrderSyncDetail,
  type OrderSyncList,
  type OrderSyncListQuery,
  orderPreviewSchema,
  orderSyncDetailSchema,
  orderSyncListQuerySchema,
  orderSyncListSchema,
  orderSyncSchema,
  type SendHeldResult,
  sendHeldResultSchema,
} from '@upstock/cin7-contracts';
import { NoBody } from '../common/input-edge.js';
import { SupplierId, SupplierScoped } from '../common/supplier.decorator.js';
import { ZodPipe } from '../common/zod.pipe.js';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '../openapi/openapi.decorators.js';
import { OrderPushService } from './order-push.service.js';

@ApiTags('Cin7 Core: orders')
@SupplierScoped()
@Controller('orders')
export class OrdersController {
  constructor(private readonly pushes: OrderPushService) {}

  @Get(['sync', 'pushes'])
  @ApiOkResponse({
    description: 'Recent order pushes, newest first (Order activity); filter with ?state=',
    schema: orderSyncListSchema,
  })
  async list(
    @SupplierId() supplierId: string,
    @Query(new ZodPipe(orderSyncListQuerySchema)) query: OrderSyncListQuery,
  ): Promise<OrderSyncList> {
    return { items: await this.pushes.list(supplierId, query) };
  }

  @Get('held')
  @ApiOkResponse({
    description:
      'Orders waiting for the supplier: approved while Cin7 was disconnected (held) or refused, each with why',
    schema: heldOrdersSchema,
  })
  held(@SupplierId() supplierId: string): Promise<HeldOrders> {
    return this.pushes.waiting(supplierId);
  }

  @Post('held/send')
  @HttpCode(202)
  @NoBody()
  @ApiAcceptedResponse({
    description: 'Every held order queued for Cin7, each once',
    schema: sendHeldResultSchema,
  })
  @ApiConflictResponse({ description: 'No Cin7 account connected' })
  sendHeld(@SupplierId() supplierId: string): Promise<SendHeldResult> {
    return this.pushes.sendHeld(supplierId);
  }

  @Get(':orderId/sync')
  @ApiOkResponse({
    description: "The order's push: state, Cin7 sale number, and a timeline of every attempt",
    schema: orderSyncDetailSchema,
  })
  @ApiNotFoundResponse({ description: 'The order was never approved for Cin7 (or is not this supplier’s)' })
  detail(@SupplierId() supplierId: string, @Param('orderId') orderId: string): Promise<OrderSyncDetail> {
    return this.pushes.detail(supplierId, orderId);
  }

  @Post(':orderId/sync/retry')
  @HttpCode(202)
  @NoBody()
  @ApiAcceptedResponse({ description: 'Queued again', schema: orderSyncSchema })
  @ApiConflictResponse({ description: 'Only a failed or refused push can be retried' })
  @ApiNotFoundResponse({ description: 'No push for this order' })
  retry(@SupplierId() supplierId: string, @Param('orderId') orderId: string): Promise<OrderSync> {
    return this.pushes.retry(supplierId, orderId);
  }

  @Post(':orderId/sync/send')
  @HttpCode(202)
  @NoBody()
  @ApiAcceptedResponse({
    description: '"Send to Cin7": a held, refused or failed order queued, once',
    schema: orderSyncSchema,
  })
  @ApiConflictResponse({
    description: 'Already sent or on its way (the sale number is named), or no Cin7 account connected',
  })
  @ApiNotFoundResponse({ description: 'No push for this order' })
  send(@SupplierId() supplierId: string, @Param('orderId') orderId: string): Promise<OrderSync> {
    return this.pushes.send(supplierId, orderId);
  }

  @Get(':orderId/preview')
  @ApiOkResponse({
    description: 'The exact sale approval would send (or why it would be refused); nothing is sent',
    schema: orderPreviewSchema,
  })
  @ApiNotFoundResponse({ description: 'No such order' })
  @ApiConflictResponse({ description: 'No Cin7 account connected' })
  preview(@SupplierId() supplierId: string, @Param('orderId') orderId: string): Promise<OrderPreview> {
    return this.pushes.preview(supplierId, orderId);
  }
}
