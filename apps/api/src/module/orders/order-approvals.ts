import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderPushService } from './order-push.service.js';

export interface RecordApprovalOptions {
  /** The host's transaction: the push (and its job) commit with the approval, or not at all. */
  manager?: EntityManager;
}

/**
 * The host's entry point for approvals, exported by Cin7CoreModule: inject it and call `recordApproval` inside the
 * transaction that approves the order. (A host in another process uses `POST /orders/:orderId/approved`.)
 */
export abstract class Cin7OrderApprovals {
  /**
   * Records the order's push durably and queues it. Approving again changes nothing (one push per order). Answers
   * false when the supplier has no Cin7 connection: nothing is recorded and the order is not sent.
   */
  abstract recordApproval(
    supplierId: string,
    orderId: string,
    options?: RecordApprovalOptions,
  ): Promise<boolean>;
}

@Injectable()
export class OrderApprovals extends Cin7OrderApprovals {
  constructor(private readonly pushes: OrderPushService) {
    super();
  }

  async recordApproval(
    supplierId: string,
    orderId: string,
    options: RecordApprovalOptions = {},
  ): Promise<boolean> {
    return (await this.pushes.recordApproval(supplierId, orderId, options)) !== null;
  }
}
