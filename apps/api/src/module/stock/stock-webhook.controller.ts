import { Body, Controller, Headers, HttpCode, Param, Post, UnauthorizedException } from '@nestjs/common';
import { z } from 'zod';
import { ApiBody, ApiOkResponse } from '../openapi/openapi.decorators.js';
import { Cin7Webhook } from '../shipments/webhooks/cin7-webhook.decorator.js';
import { WEBHOOK_SECRET_HEADER } from '../shipments/webhooks/webhook-secret.js';
import { StockWebhookService } from './stock-webhook.service.js';

/** What the OpenAPI document shows of the payload (BP L28465); the service parses it with the client's schema. */
const stockWebhookDocSchema = z.array(
  z
    .object({
      ID: z.string(),
      SKU: z.string().nullable(),
      Location: z.string(),
      Bin: z.string().nullable(),
      Batch: z.string().nullable(),
      OnHand: z.number(),
      Allocated: z.number(),
      Available: z.number(),
      OnOrder: z.number(),
      MaxRows: z.number(),
    })
    .loose(),
);

/** Cin7 delivers Stock/AvailableStockLevelChanged here (registered while stock sync is on). */
@Cin7Webhook()
@Controller('webhooks/cin7')
export class StockWebhookController {
  constructor(private readonly webhooks: StockWebhookService) {}

  @Post(':connectionId/stock')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'Authenticated; complete rows applied, cut or doubtful ones queued for a read of the product',
    schema: z.object({ received: z.literal(true) }),
  })
  @ApiBody(stockWebhookDocSchema)
  async receive(
    @Param('connectionId') connectionId: string,
    @Headers(WEBHOOK_SECRET_HEADER) secret: string | undefined,
    @Body() body: unknown,
  ): Promise<{ received: true }> {
    const outcome = await this.webhooks.receive(connectionId, secret, body);
    if (outcome === 'unauthorised') throw new UnauthorizedException('Unknown webhook or wrong secret');
    return { received: true };
  }
}
