import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type ReferenceResponse, referenceResponseSchema } from '@upstock/cin7-contracts';
import { z } from 'zod';
import { NoBody } from '../../common/input-edge.js';
import { SupplierId, SupplierScoped } from '../../common/supplier.decorator.js';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiTags,
} from '../../openapi/openapi.decorators.js';
import { ReferenceDataService } from './reference-data.service.js';

const queuedSchema = z.object({ queued: z.literal(true) });

@ApiTags('Cin7 Core: reference data')
@SupplierScoped()
@Controller('reference')
export class ReferenceDataController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Get()
  @ApiOkResponse({
    description:
      "The supplier's Cin7 locations, price tiers, tax rules and carriers (cached; refreshedAt null = not loaded yet)",
    schema: referenceResponseSchema,
  })
  get(@SupplierId() supplierId: string): Promise<ReferenceResponse> {
    return this.reference.get(supplierId);
  }

  @Post('refresh')
  @HttpCode(202)
  @NoBody()
  @ApiAcceptedResponse({
    description: 'A refresh is queued (once, however often it is asked for)',
    schema: queuedSchema,
  })
  @ApiConflictResponse({ description: 'No Cin7 account is connected' })
  async refresh(@SupplierId() supplierId: string): Promise<{ queued: true }> {
    await this.reference.requestRefresh(supplierId);
    return { queued: true };
  }
}
