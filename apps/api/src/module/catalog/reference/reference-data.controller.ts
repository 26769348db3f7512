import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ReferenceResponse } from '@upstock/cin7-contracts';
import { SupplierId, SupplierScoped } from '../../common/supplier.decorator.js';
import { ReferenceDataService } from './reference-data.service.js';

@ApiTags('Cin7 Core: reference data')
@SupplierScoped()
@Controller('reference')
export class ReferenceDataController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Get()
  @ApiOkResponse({
    description:
      "The supplier's Cin7 locations, price tiers, tax rules and carriers (cached; refreshedAt null = not loaded yet)",
  })
  get(@SupplierId() supplierId: string): Promise<ReferenceResponse> {
    return this.reference.get(supplierId);
  }

  @Post('refresh')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'A refresh is queued (once, however often it is asked for)' })
  @ApiConflictResponse({ description: 'No Cin7 account is connected' })
  async refresh(@SupplierId() supplierId: string): Promise<{ queued: true }> {
    await this.reference.requestRefresh(supplierId);
    return { queued: true };
  }
}
