import type { Settings } from '@upstock/cin7-contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'cin7_settings' })
export class SettingsEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  /** Always a complete, valid Settings (parsed by the contracts schema before saving). */
  @Column({ type: 'jsonb' })
  settings: Settings;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
