import { Body, Controller, Headers, HttpCode, Param, Post, UnauthorizedException } from '@nestjs/common';
import { z } from 'zod';
import { ApiBody, ApiOkResponse } from '../../openapi/openapi.decorators.js';
import { Cin7Webhook } from './cin7-webhook.decorator.js';
import { cin7WebhookPayloadSchema, WebhookInbox } from './webhook-inbox.service.js';
import { WEBHOOK_SECRET_HEADER } from './webhook-secret.js';

/** Cin7 delivers Sale/ShipmentAuthorised and Sale/ShipmentTrackingNumberChanged here (registered on connect). */
@Cin7Webhook()
@Controller('webhooks/cin7')
export class Cin7WebhookController {
  constructor(private readonly inbox: WebhookInbox) {}

  @Post(':connectionId')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'Authenticated and queued (or ignored when it names no sale); answered at once',
    schema: z.object({ received: z.literal(true) }),
  })
  @ApiBody(cin7WebhookPayloadSchema)
  async receive(
    @Param('connectionId') connectionId: string,
    @Headers(WEBHOOK_SECRET_HEADER) secret: string | undefined,
    @Body() body: unknown,
  ): Promise<{ received: true }> {
    const outcome = await this.inbox.receive(connectionId, secret, body);
    if (outcome === 'unauthorised') throw new UnauthorizedException('Unknown webhook or wrong secret');
    return { received: true };
  }
}
