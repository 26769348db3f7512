import { Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import {
  type CustomerLink,
  type CustomerSearchQuery,
  type CustomerSearchResponse,
  customerLinkSchema,
  customerSearchQuerySchema,
  customerSearchResponseSchema,
  type LinkCustomerRequest,
  linkCustomerRequestSchema,
  type UnmatchedCustomersQuery,
  type UnmatchedCustomersResponse,
  unmatchedCustomersQuerySchema,
  unmatchedCustomersResponseSchema,
} from '@upstock/cin7-contracts';
import { JsonBody } from '../../common/input-edge.js';
import { SupplierId, SupplierScoped } from '../../common/supplier.decorator.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '../../openapi/openapi.decorators.js';
import { CustomerMatchingService } from './customer-matching.service.js';

@ApiTags('Cin7 Core: catalog')
@SupplierScoped()
@Controller('customers')
export class CustomerMatchingController {
  constructor(private readonly matching: CustomerMatchingService) {}

  @Get('search')
  @ApiOkResponse({
    description: 'Cin7 customers whose name starts with q, or with a contact whose email is q',
    schema: customerSearchResponseSchema,
  })
  @ApiBadRequestResponse({ description: 'q is missing' })
  @ApiConflictResponse({ description: 'No Cin7 account is connected' })
  @ApiServiceUnavailableResponse({ description: 'Cin7 is throttling calls' })
  search(
    @SupplierId() supplierId: string,
    @Query(new ZodPipe(customerSearchQuerySchema)) query: CustomerSearchQuery,
  ): Promise<CustomerSearchResponse> {
    return this.matching.search(supplierId, query.q);
  }

  @Get('unmatched')
  @ApiOkResponse({
    description: 'Upstock customers not linked to a Cin7 customer, paged (limit, offset, search)',
    schema: unmatchedCustomersResponseSchema,
  })
  unmatched(
    @SupplierId() supplierId: string,
    @Query(new ZodPipe(unmatchedCustomersQuerySchema)) query: UnmatchedCustomersQuery,
  ): Promise<UnmatchedCustomersResponse> {
    return this.matching.unmatched(supplierId, query);
  }

  @Get(':upstockCustomerId/link')
  @ApiOkResponse({
    description: "The customer's Cin7 twin and the shipping address used on its sales",
    schema: customerLinkSchema,
  })
  @ApiNotFoundResponse({ description: 'Unknown customer, or not linked' })
  getLink(
    @SupplierId() supplierId: string,
    @Param('upstockCustomerId') upstockCustomerId: string,
  ): Promise<CustomerLink> {
    return this.matching.getLink(supplierId, upstockCustomerId);
  }

  @Put(':upstockCustomerId/link')
  @ApiOkResponse({
    description: 'Linked; a price sync for the customer is queued',
    schema: customerLinkSchema,
  })
  @ApiBadRequestResponse({
    description:
      "Malformed input, or a shipping address must be chosen / is not the customer's (the choices are named)",
  })
  @ApiNotFoundResponse({ description: 'Unknown Upstock customer, or no such active Cin7 customer' })
  @ApiConflictResponse({
    description: 'The Cin7 customer is linked to another Upstock customer, or not connected',
  })
  link(
    @SupplierId() supplierId: string,
    @Param('upstockCustomerId') upstockCustomerId: string,
    @JsonBody(linkCustomerRequestSchema) body: LinkCustomerRequest,
  ): Promise<CustomerLink> {
    return this.matching.link(supplierId, upstockCustomerId, body);
  }

  @Delete(':upstockCustomerId/link')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unlinked' })
  @ApiNotFoundResponse({ description: 'Unknown customer, or not linked' })
  unlink(
    @SupplierId() supplierId: string,
    @Param('upstockCustomerId') upstockCustomerId: string,
  ): Promise<void> {
    return this.matching.unlink(supplierId, upstockCustomerId);
  }
}
