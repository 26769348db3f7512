import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  type LinkAddressChoices,
  type LinkedCustomersResponse,
  type LinkListQuery,
  linkAddressChoicesSchema,
  linkedCustomersResponseSchema,
  linkListQuerySchema,
  type ProductLinksResponse,
  productLinksResponseSchema,
} from '@upstock/cin7-contracts';
import { SupplierId, SupplierScoped } from '../../common/supplier.decorator.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '../../openapi/openapi.decorators.js';
import { CustomerMatchingService } from '../matching/customer-matching.service.js';
import { LinkViews } from './link-views.service.js';

/** What is linked, for the supplier to look over and mend (change of address, unlink and relink go by PUT/DELETE link). */
@ApiTags('Cin7 Core: catalog')
@SupplierScoped()
@Controller()
export class LinksController {
  constructor(
    private readonly views: LinkViews,
    private readonly matching: CustomerMatchingService,
  ) {}

  @Get('customers/linked')
  @ApiOkResponse({
    description: 'Linked customers by Cin7 name, paged (search, limit, offset)',
    schema: linkedCustomersResponseSchema,
  })
  @ApiBadRequestResponse({ description: 'limit or offset out of range' })
  linkedCustomers(
    @SupplierId() supplierId: string,
    @Query(new ZodPipe(linkListQuerySchema)) query: LinkListQuery,
  ): Promise<LinkedCustomersResponse> {
    return this.views.linkedCustomers(supplierId, query);
  }

  @Get('customers/:upstockCustomerId/link/addresses')
  @ApiOkResponse({
    description: "The linked Cin7 customer's shipping addresses today and the one in use (one Cin7 call)",
    schema: linkAddressChoicesSchema,
  })
  @ApiNotFoundResponse({ description: 'Not linked, or the Cin7 customer is no longer active' })
  @ApiConflictResponse({ description: 'No Cin7 account is connected' })
  @ApiServiceUnavailableResponse({ description: 'Cin7 is throttling calls' })
  addressChoices(
    @SupplierId() supplierId: string,
    @Param('upstockCustomerId') upstockCustomerId: string,
  ): Promise<LinkAddressChoices> {
    return this.matching.addressChoices(supplierId, upstockCustomerId);
  }

  @Get('products/links')
  @ApiOkResponse({
    description: 'Product links by Cin7 SKU with their state, paged (search by SKU or name)',
    schema: productLinksResponseSchema,
  })
  @ApiBadRequestResponse({ description: 'limit or offset out of range' })
  productLinks(
    @SupplierId() supplierId: string,
    @Query(new ZodPipe(linkListQuerySchema)) query: LinkListQuery,
  ): Promise<ProductLinksResponse> {
    return this.views.productLinks(supplierId, query);
  }
}
