import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  type Connection,
  type ConnectionResponse,
  type ConnectRequest,
  connectionResponseSchema,
  connectionSchema,
  connectRequestSchema,
} from '@upstock/cin7-contracts';
import { JsonBody } from '../common/input-edge.js';
import { SupplierId, SupplierScoped } from '../common/supplier.decorator.js';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '../openapi/openapi.decorators.js';
import { ConnectionsService } from './connections.service.js';

@ApiTags('Cin7 Core: connection')
@SupplierScoped()
@Controller('connection')
export class ConnectionController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  @ApiCreatedResponse({
    description: 'Verified with Cin7 (GET /me) and stored; the key is never returned',
    schema: connectionSchema,
  })
  @ApiBadRequestResponse({ description: 'Malformed input, or Cin7 rejected the Account ID or API key' })
  @ApiBadGatewayResponse({ description: 'Cin7 could not be reached' })
  @ApiServiceUnavailableResponse({ description: 'Cin7 is throttling calls' })
  connect(
    @SupplierId() supplierId: string,
    @JsonBody(connectRequestSchema) body: ConnectRequest,
  ): Promise<Connection> {
    return this.connections.connect(supplierId, body);
  }

  @Get()
  @ApiOkResponse({
    description: 'The connection and its health, or { status: "disconnected" }',
    schema: connectionResponseSchema,
  })
  describe(@SupplierId() supplierId: string): Promise<ConnectionResponse> {
    return this.connections.describe(supplierId);
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Credentials removed and work stopped; history kept' })
  disconnect(@SupplierId() supplierId: string): Promise<void> {
    return this.connections.disconnect(supplierId);
  }
}
