import { Controller, Get } from '@nestjs/common';
import { type CatalogStatus, catalogStatusSchema } from '@upstock/cin7-contracts';
import { SupplierId, SupplierScoped } from '../common/supplier.decorator.js';
import { ApiOkResponse, ApiTags } from '../openapi/openapi.decorators.js';
import { SyncRuns, toJob } from '../work/sync-runs.service.js';
import { CatalogLinks } from './links/catalog-links.service.js';

@ApiTags('Cin7 Core: catalog')
@SupplierScoped()
@Controller('catalog')
export class CatalogStatusController {
  constructor(
    private readonly links: CatalogLinks,
    private readonly runs: SyncRuns,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'Linked customers and products, and the latest import of each',
    schema: catalogStatusSchema,
  })
  async status(@SupplierId() supplierId: string): Promise<CatalogStatus> {
    const [counts, customersRun, productsRun] = await Promise.all([
      this.links.counts(supplierId),
      this.runs.latest(supplierId, 'import-customers'),
      this.runs.latest(supplierId, 'import-products'),
    ]);
    return {
      customers: {
        linked: counts.customers,
        blocked: counts.blockedCustomers,
        lastImport: customersRun ? toJob(customersRun) : null,
      },
      products: { linked: counts.products, lastImport: productsRun ? toJob(productsRun) : null },
    };
  }
}
