import { Controller, Get, Param } from '@nestjs/common';
import { type Job, jobListSchema, jobSchema } from '@upstock/cin7-contracts';
import { SupplierId, SupplierScoped } from '../common/supplier.decorator.js';
import { ApiOkResponse, ApiTags } from '../openapi/openapi.decorators.js';
import { SyncRuns } from './sync-runs.service.js';

@ApiTags('Cin7 Core: jobs')
@SupplierScoped()
@Controller('jobs')
export class JobsController {
  constructor(private readonly runs: SyncRuns) {}

  @Get()
  @ApiOkResponse({
    description: "The supplier's recent background work, newest first",
    schema: jobListSchema,
  })
  async list(@SupplierId() supplierId: string): Promise<{ items: Job[] }> {
    return { items: await this.runs.list(supplierId) };
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One job with its progress and result', schema: jobSchema })
  get(@SupplierId() supplierId: string, @Param('id') id: string): Promise<Job> {
    return this.runs.get(supplierId, id);
  }
}
