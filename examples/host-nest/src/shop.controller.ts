import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { type Cin7CoreHostPorts, Cin7OrderApprovals } from '@upstock/cin7-api';
import { DataSource } from 'typeorm';
import { SHOP_PORTS } from './shop.tokens.js';

/** The shop's own order routes: a buyer orders, the supplier approves (and the module sends it to Cin7). */
@Controller('shop/orders')
export class ShopController {
  constructor(
    private readonly db: DataSource,
    private readonly approvals: Cin7OrderApprovals,
    @Inject(SHOP_PORTS) private readonly ports: Cin7CoreHostPorts,
  ) {}

  private async supplier(request: { headers: Record<string, string | string[] | undefined> }) {
    const supplierId = await this.ports.tenant.resolveSupplierId(request);
    if (!supplierId) throw new UnauthorizedException();
    return supplierId;
  }

  @Post()
  async create(
    @Req() request: { headers: Record<string, string | string[] | undefined> },
    @Body() body: { customerId: string; lines: { productId: string; quantity: number }[] },
  ) {
    const supplierId = await this.supplier(request);
    if (!body?.customerId || !Array.isArray(body.lines) || body.lines.length === 0) {
      throw new BadRequestException('customerId and lines are required');
    }
    return this.db.transaction(async (m) => {
      const [customer] = await m.query(
        `SELECT currency FROM shop_customer WHERE supplier_id = $1 AND id = $2`,
        [supplierId, body.customerId],
      );
      if (!customer) throw new NotFoundException('No such customer');
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM shop_order WHERE supplier_id = $1`, [
        supplierId,
      ]);
      const [order] = await m.query(
        `INSERT INTO shop_order (supplier_id, number, customer_id, currency, status) VALUES ($1, $2, $3, $4, 'draft') RETURNING id, number`,
        [supplierId, `SHOP-${1001 + n}`, body.customerId, customer.currency ?? 'NZD'],
      );
      for (const [position, line] of body.lines.entries()) {
        const price = await this.ports.priceLists.priceFor(supplierId, body.customerId, line.productId);
        if (price === null) throw new BadRequestException(`No product ${line.productId}`);
        await m.query(`INSERT INTO shop_order_line VALUES ($1, $2, $3, $4, $5)`, [
          order.id,
          position,
          line.productId,
          line.quantity,
          price,
        ]);
      }
      return order;
    });
  }

  /** Approval and the Cin7 push record commit together: the module writes in the shop's transaction. */
  @Post(':id/approve')
  async approve(
    @Req() request: { headers: Record<string, string | string[] | undefined> },
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const supplierId = await this.supplier(request);
    return this.db.transaction(async (m) => {
      const [order] = await m.query(
        `SELECT status FROM shop_order WHERE supplier_id = $1 AND id = $2 FOR UPDATE`,
        [supplierId, id],
      );
      if (!order) throw new NotFoundException();
      if (order.status !== 'draft') throw new ConflictException(`Already ${order.status}`);
      await m.query(`UPDATE shop_order SET status = 'approved' WHERE id = $1`, [id]);
      const queued = await this.approvals.recordApproval(supplierId, id, { manager: m });
      return { id, status: 'approved', sentToCin7: queued };
    });
  }

  @Get(':id')
  async get(
    @Req() request: { headers: Record<string, string | string[] | undefined> },
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const order = await this.ports.orders.findOrder(await this.supplier(request), id);
    if (!order) throw new NotFoundException();
    const [row] = await this.db.query(`SELECT shipped_tracking FROM shop_order WHERE id = $1`, [id]);
    return { ...order, shippedTracking: row.shipped_tracking };
  }
}
