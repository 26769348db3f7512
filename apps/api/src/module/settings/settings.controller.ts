import { Controller, Get, Put } from '@nestjs/common';
import { type Settings, settingsSchema } from '@upstock/cin7-contracts';
import { JsonBody } from '../common/input-edge.js';
import { SupplierId, SupplierScoped } from '../common/supplier.decorator.js';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '../openapi/openapi.decorators.js';
import { SettingsService } from './settings.service.js';

@ApiTags('Cin7 Core: settings')
@SupplierScoped()
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOkResponse({
    description: "The supplier's sales order settings (defaults until saved)",
    schema: settingsSchema,
  })
  get(@SupplierId() supplierId: string): Promise<Settings> {
    return this.settings.get(supplierId);
  }

  @Put()
  @ApiOkResponse({ description: 'Saved settings', schema: settingsSchema })
  @ApiBadRequestResponse({ description: 'Invalid value or combination, with the field and the rule' })
  replace(@SupplierId() supplierId: string, @JsonBody(settingsSchema) body: Settings): Promise<Settings> {
    return this.settings.replace(supplierId, body);
  }
}
