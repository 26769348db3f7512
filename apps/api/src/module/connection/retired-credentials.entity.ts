import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Credentials of a connection that was just disconnected, kept (encrypted) only until the module has removed its
 * webhooks from Cin7, then deleted; an hour at the most. The connection row itself forgets them at once.
 */
@Entity({ name: 'cin7_retired_credentials' })
export class RetiredCredentialsEntity {
  @PrimaryColumn({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  @Column({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId: string;

  @Column({ name: 'api_key_encrypted', type: 'text' })
  apiKeyEncrypted: string;

  @Column({ name: 'webhook_secret_encrypted', type: 'text', nullable: true })
  webhookSecretEncrypted: string | null;

  @Column({ name: 'retired_at', type: 'timestamptz' })
  retiredAt: Date;
}
