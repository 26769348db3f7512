import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { NotificationsPort, SupplierNotification } from '../../module/ports/index.js';
import { HostNotificationEntity } from '../entities/host.entities.js';

@Injectable()
export class HostNotificationsPort implements NotificationsPort {
  constructor(
    @InjectRepository(HostNotificationEntity)
    private readonly notifications: Repository<HostNotificationEntity>,
  ) {}

  async notify(supplierId: string, n: SupplierNotification): Promise<void> {
    await this.notifications.insert({
      supplierId,
      kind: n.kind,
      title: n.title,
      message: n.message,
      orderId: n.orderId ?? null,
    });
  }
}
