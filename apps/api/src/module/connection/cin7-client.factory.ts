import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CallPriority, Cin7Client, type Cin7Logger } from '@upstock/cin7-core';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { CredentialCipher } from '../security/credential-cipher.js';
import { budgetKeyOf, ConnectionGoneError, PostgresCallBudget } from '../work/call-budget.js';
import { clockOf } from '../work/clock.js';
import { JobQueue } from '../work/job-queue.service.js';
import type { ConnectionEntity } from './connection.entity.js';
import type { RetiredCredentialsEntity } from './retired-credentials.entity.js';

/** Builds Cin7 clients: one per unit of work, drawing on the connection's shared budget at the work's priority. */
@Injectable()
export class Cin7ClientFactory {
  private readonly logger = new Logger('Cin7Core:Cin7');

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CredentialCipher,
    private readonly queue: JobQueue,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  get clock() {
    return clockOf(this.options);
  }

  /** A client for credentials not stored yet (connecting): in-process budget only, nothing to share. */
  forCredentials(accountId: string, apiKey: string): Cin7Client {
    return new Cin7Client({
      accountId,
      apiKey,
      priority: 'interactive',
      ...this.common(),
      retry: { maxAttempts: 1 },
    });
  }

  forConnection(connection: ConnectionEntity, priority: CallPriority): Cin7Client {
    if (connection.status !== 'connected' || !connection.apiKeyEncrypted) throw new ConnectionGoneError();
    return this.withSharedBudget(
      connection.id,
      connection.accountId,
      connection.apiKeyEncrypted,
      priority,
      true,
    );
  }

  /** For the clean-up after a disconnect only: the retired key, on the same Cin7 application's budget. */
  forRetiredCredentials(retired: RetiredCredentialsEntity): Cin7Client {
    return this.withSharedBudget(
      retired.connectionId,
      retired.accountId,
      retired.apiKeyEncrypted,
      'background',
      false,
    );
  }

  private withSharedBudget(
    connectionId: string,
    accountId: string,
    apiKeyEncrypted: string,
    priority: CallPriority,
    connectedOnly: boolean,
  ): Cin7Client {
    const baseFetch = this.options.fetch ?? fetch;
    const apiKey = this.cipher.decrypt(apiKeyEncrypted);
    return new Cin7Client({
      accountId,
      apiKey,
      priority,
      ...this.common(),
      // A user waits on interactive calls: one attempt, and a clear 503 rather than minutes of retries.
      ...(priority === 'interactive' ? { retry: { maxAttempts: 1 } } : {}),
      budget: new PostgresCallBudget(
        this.dataSource,
        connectionId,
        budgetKeyOf(accountId, apiKey),
        this.clock,
        {
          callsPerMinute: this.options.callsPerMinute,
          marginMs: this.options.callWindowMarginMs,
          connectedOnly,
        },
        () => this.queue.isStopping,
      ),
      // Health: remember the last call Cin7 answered successfully.
      fetch: async (input, init) => {
        const response = await baseFetch(input, init);
        if (response.ok) {
          void this.dataSource
            .query(
              `UPDATE cin7_connection SET last_successful_call_at = now(), last_error = NULL WHERE id = $1`,
              [connectionId],
            )
            .catch(() => undefined);
        }
        return response;
      },
    });
  }

  private common() {
    const logger: Cin7Logger = {
      debug: (msg, meta) => this.logger.debug(meta ? `${msg} ${JSON.stringify(meta)}` : msg),
      warn: (msg, meta) => this.logger.warn(meta ? `${msg} ${JSON.stringify(meta)}` : msg),
    };
    return {
      logger,
      clock: this.clock,
      ...(this.options.cin7BaseUrl ? { baseUrl: this.options.cin7BaseUrl } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    };
  }
}
