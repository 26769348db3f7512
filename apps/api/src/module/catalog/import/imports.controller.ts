import { Controller, HttpCode, Post } from '@nestjs/common';
import { type ImportRequest, importRequestSchema, type Job, jobSchema } from '@upstock/cin7-contracts';
import { JsonBody } from '../../common/input-edge.js';
import { SupplierId, SupplierScoped } from '../../common/supplier.decorator.js';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiTags,
} from '../../openapi/openapi.decorators.js';
import { ImportsService } from './imports.service.js';

@ApiTags('Cin7 Core: catalog')
@SupplierScoped()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description:
      'The import job (GET /jobs/:id for progress); an import of the same kind already running is joined',
    schema: jobSchema,
  })
  @ApiBadRequestResponse({ description: 'kind is not "customers" or "products"' })
  @ApiConflictResponse({ description: 'No Cin7 account is connected' })
  start(@SupplierId() supplierId: string, @JsonBody(importRequestSchema) body: ImportRequest): Promise<Job> {
    return this.imports.start(supplierId, body.kind);
  }
}
