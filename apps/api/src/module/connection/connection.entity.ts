import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type WebhookState = 'registered' | 'missing' | 'not_registered';

/** One per supplier. Disconnecting clears the credentials and keeps the row (and its history). */
@Entity({ name: 'cin7_connection' })
export class ConnectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'supplier_id', type: 'text', unique: true })
  supplierId: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId: string;

  /** AES-256-GCM, see CredentialCipher; null once disconnected. */
  @Column({ name: 'api_key_encrypted', type: 'text', nullable: true })
  apiKeyEncrypted: string | null;

  @Column({ name: 'api_key_last4', type: 'text' })
  apiKeyLast4: string;

  /** Secret Cin7 sends back in a header on every webhook delivery; encrypted like the key. */
  @Column({ name: 'webhook_secret_encrypted', type: 'text', nullable: true })
  webhookSecretEncrypted: string | null;

  @Column({ type: 'text' })
  company: string;

  @Column({ name: 'base_currency', type: 'text' })
  baseCurrency: string;

  @Column({ type: 'text' })
  status: 'connected' | 'disconnected';

  @Column({ name: 'connected_at', type: 'timestamptz' })
  connectedAt: Date;

  @Column({ name: 'disconnected_at', type: 'timestamptz', nullable: true })
  disconnectedAt: Date | null;

  @Column({ name: 'last_successful_call_at', type: 'timestamptz', nullable: true })
  lastSuccessfulCallAt: Date | null;

  /** Set when Cin7 throttles: no call is sent for this connection before then. */
  @Column({ name: 'paused_until', type: 'timestamptz', nullable: true })
  pausedUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'webhook_state', type: 'text', default: 'not_registered' })
  webhookState: WebhookState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
