import {
  Controller,
  createParamDecorator,
  type ExecutionContext,
  Get,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type ReferenceHostCreateOrder as CreateOrder,
  referenceHostCommentSchema as commentSchema,
  referenceHostCreateCustomerSchema as createCustomerSchema,
  referenceHostCreateOrderSchema as createOrderSchema,
  referenceHostCustomerSearchSchema as customerSearchSchema,
  type ReferenceHostUpdateOrder as UpdateOrder,
  referenceHostUpdateOrderSchema as updateOrderSchema,
} from '@upstock/cin7-contracts';
import { Repository } from 'typeorm';
import type { z } from 'zod';
import { InputEdgeGuard, JsonBody } from '../../module/common/input-edge.js';
import { ZodPipe } from '../../module/common/zod.pipe.js';
import {
  HostCustomerEntity,
  HostNotificationEntity,
  HostPriceListEntity,
  HostProductEntity,
  HostSupplierEntity,
} from '../entities/host.entities.js';
import { HostAuthGuard, type HostRequest } from '../host-auth.guard.js';
import { HostOrdersService } from '../host-orders.service.js';
import { HostCustomersPort } from '../ports/host-customers.port.js';

const Supplier = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<HostRequest>().supplierId as string,
);

/** Demo only: the reference host's suppliers and their tokens, so the demo shell can sign in. */
@Controller('host/demo')
export class HostDemoController {
  constructor(
    @InjectRepository(HostSupplierEntity) private readonly suppliers: Repository<HostSupplierEntity>,
  ) {}

  @Get('suppliers')
  list() {
    return this.suppliers.find({ order: { id: 'ASC' } });
  }
}

/** A small stand-in for Upstock: customers, products, price lists, orders and notifications of the caller. */
@UseGuards(HostAuthGuard, InputEdgeGuard)
@Controller('host')
export class HostController {
  constructor(
    private readonly orders: HostOrdersService,
    private readonly customersPort: HostCustomersPort,
    @InjectRepository(HostCustomerEntity) private readonly customers: Repository<HostCustomerEntity>,
    @InjectRepository(HostProductEntity) private readonly products: Repository<HostProductEntity>,
    @InjectRepository(HostPriceListEntity) private readonly priceLists: Repository<HostPriceListEntity>,
    @InjectRepository(HostNotificationEntity)
    private readonly notifications: Repository<HostNotificationEntity>,
  ) {}

  @Get('customers')
  async listCustomers(
    @Supplier() supplierId: string,
    @Query(new ZodPipe(customerSearchSchema)) { search }: z.infer<typeof customerSearchSchema>,
  ) {
    return (await this.customersPort.list(supplierId, { search, limit: 500, offset: 0 })).items;
  }

  @Post('customers')
  async createCustomer(
    @Supplier() supplierId: string,
    @JsonBody(createCustomerSchema) body: z.infer<typeof createCustomerSchema>,
  ) {
    const [id] = await this.customersPort.upsertMany(supplierId, [
      {
        name: body.name,
        email: body.email ?? null,
        contacts: [],
        billingAddress: null,
        shippingAddresses: [],
        priceTier: null,
        discountPercent: 0,
        salesRepresentative: null,
        currency: body.currency ?? 'NZD',
        orderingBlockedReason: null,
      },
    ]);
    return this.customers.findOneByOrFail({ id });
  }

  @Get('customers/:id')
  async customer(@Supplier() supplierId: string, @Param('id') id: string) {
    const customer =
      (await this.customersPort.find(supplierId, id)) && (await this.customers.findOneBy({ id }));
    if (!customer) throw new NotFoundException(`No customer ${id}`);
    const prices = await this.customers.query(
      `SELECT product_id AS "productId", price::float AS price FROM host_customer_price WHERE customer_id = $1`,
      [id],
    );
    return { ...customer, prices };
  }

  @Get('products')
  listProducts(@Supplier() supplierId: string) {
    return this.products.find({ where: { supplierId }, order: { sku: 'ASC' }, take: 1000 });
  }

  @Get('price-lists')
  async listPriceLists(@Supplier() supplierId: string) {
    const lists = await this.priceLists.find({ where: { supplierId }, order: { key: 'ASC' } });
    const entries: { priceListId: string; productId: string; sku: string; price: number }[] =
      await this.priceLists.query(
        `SELECT e.price_list_id AS "priceListId", e.product_id AS "productId", p.sku, e.price::float AS price
         FROM host_price_list_entry e JOIN host_product p ON p.id = e.product_id
        WHERE p.supplier_id = $1 ORDER BY p.sku`,
        [supplierId],
      );
    return lists.map((l) => ({ ...l, entries: entries.filter((e) => e.priceListId === l.id) }));
  }

  @Get('orders')
  listOrders(@Supplier() supplierId: string) {
    return this.orders.list(supplierId);
  }

  @Post('orders')
  createOrder(@Supplier() supplierId: string, @JsonBody(createOrderSchema) body: CreateOrder) {
    return this.orders.create(supplierId, body);
  }

  @Get('orders/:id')
  order(@Supplier() supplierId: string, @Param('id') id: string) {
    return this.orders.get(supplierId, id);
  }

  @Patch('orders/:id')
  updateOrder(
    @Supplier() supplierId: string,
    @Param('id') id: string,
    @JsonBody(updateOrderSchema) body: UpdateOrder,
  ) {
    return this.orders.update(supplierId, id, body);
  }

  @Post('orders/:id/comments')
  comment(
    @Supplier() supplierId: string,
    @Param('id') id: string,
    @JsonBody(commentSchema) body: { body: string },
  ) {
    return this.orders.comment(supplierId, id, body.body);
  }

  @Post('orders/:id/approve')
  approve(@Supplier() supplierId: string, @Param('id') id: string) {
    return this.orders.approve(supplierId, id);
  }

  @Get('notifications')
  listNotifications(@Supplier() supplierId: string) {
    return this.notifications.find({ where: { supplierId }, order: { createdAt: 'DESC' }, take: 100 });
  }
}
