import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DEFAULT_SETTINGS, type Settings } from '@upstock/cin7-contracts';
import { Repository } from 'typeorm';
import { SettingsEntity } from './settings.entity.js';

@Injectable()
export class SettingsService {
  constructor(@InjectRepository(SettingsEntity) private readonly settings: Repository<SettingsEntity>) {}

  async get(supplierId: string): Promise<Settings> {
    const row = await this.settings.findOneBy({ supplierId });
    return { ...DEFAULT_SETTINGS, ...row?.settings };
  }

  /** `settings` is already complete and valid (parsed by the contracts schema). */
  async replace(supplierId: string, settings: Settings): Promise<Settings> {
    await this.settings.upsert({ supplierId, settings }, ['supplierId']);
    return settings;
  }
}
