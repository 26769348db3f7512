import { Body, Controller, Headers, HttpCode, Param, Post, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Cin7Webhook } from '../shipments/webhooks/cin7-webhook.decorator.js';
import { WEBHOOK_SECRET_HEADER } from '../shipments/webhooks/webhook-secret.js';
import { StockWebhookService } from './stock-webhook.service.js';

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
  })
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
