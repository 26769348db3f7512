import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DEFAULT_SETTINGS, type Settings } from '@upstock/cin7-contracts';
import { Repository } from 'typeorm';
import { SettingsEntity } from './settings.entity.js';

/**
 * Whether Cin7 has an active service product with this name; null when there is nothing to check against. The catalog
 * feature provides it (its reference cache holds the service products); the foundation cannot inject features.
 */
export type ServiceProductCheck = (supplierId: string, name: string) => Promise<boolean | null>;

@Injectable()
export class SettingsService {
  private serviceProductCheck: ServiceProductCheck | null = null;

  constructor(@InjectRepository(SettingsEntity) private readonly settings: Repository<SettingsEntity>) {}

  /** Called once by the catalog feature at start-up. */
  useServiceProductCheck(check: ServiceProductCheck): void {
    this.serviceProductCheck = check;
  }

  async get(supplierId: string): Promise<Settings> {
    const row = await this.settings.findOneBy({ supplierId });
    return { ...DEFAULT_SETTINGS, ...row?.settings };
  }

  /**
   * `settings` is already complete and valid (parsed by the contracts schema). A changed freight service product must
   * exist in Cin7 as an active service product (an additional charge names one, BP L30711): refused here, with the
   * field, rather than at the next order with freight. An unchanged one is not re-checked, so other settings can be
   * saved while the push refuses freight orders with the reason.
   */
  async replace(supplierId: string, settings: Settings): Promise<Settings> {
    const current = await this.get(supplierId);
    const freight = settings.freightServiceName;
    if (
      this.serviceProductCheck &&
      freight.trim().toLowerCase() !== current.freightServiceName.trim().toLowerCase()
    ) {
      if ((await this.serviceProductCheck(supplierId, freight)) === false) {
        throw new BadRequestException({
          error: 'Bad Request',
          field: 'freightServiceName',
          message: `freightServiceName: Cin7 has no active service product named "${freight}"; choose one of your Cin7 service products`,
        });
      }
    }
    await this.settings.upsert({ supplierId, settings }, ['supplierId']);
    return settings;
  }
}
