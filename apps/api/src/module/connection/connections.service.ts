import { randomBytes } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Connection, ConnectionResponse, ConnectRequest } from '@upstock/cin7-contracts';
import type { CallPriority, Cin7Client } from '@upstock/cin7-core';
import { Repository } from 'typeorm';
import { CredentialCipher } from '../security/credential-cipher.js';
import { budgetKeyOf, ConnectionGoneError } from '../work/call-budget.js';
import { JobQueue, QUEUES } from '../work/job-queue.service.js';
import { SyncRuns } from '../work/sync-runs.service.js';
import { Cin7ClientFactory } from './cin7-client.factory.js';
import { ConnectionEntity } from './connection.entity.js';
import { RetiredCredentialsEntity } from './retired-credentials.entity.js';

/** Connect, read and disconnect a supplier's Cin7 account. */
@Injectable()
export class ConnectionsService {
  constructor(
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    private readonly clients: Cin7ClientFactory,
    private readonly cipher: CredentialCipher,
    private readonly queue: JobQueue,
    private readonly runs: SyncRuns,
  ) {}

  /**
   * Verifies the credentials with Cin7 (`GET /me`) before storing anything: wrong credentials, an unreachable or
   * throttling Cin7 all end here with nothing written.
   */
  async connect(supplierId: string, input: ConnectRequest): Promise<Connection> {
    const me = await this.clients.forCredentials(input.accountId, input.apiKey).me.get();
    const existing = await this.connections.findOneBy({ supplierId });
    const connection = this.connections.merge(existing ?? this.connections.create({ supplierId }), {
      accountId: input.accountId.toLowerCase(),
      apiKeyEncrypted: this.cipher.encrypt(input.apiKey),
      apiKeyLast4: input.apiKey.slice(-4),
      webhookSecretEncrypted: this.cipher.encrypt(randomBytes(32).toString('base64url')),
      company: me.Company,
      baseCurrency: me.Currency,
      status: 'connected',
      connectedAt: new Date(),
      disconnectedAt: null,
      lastSuccessfulCallAt: new Date(),
      pausedUntil: null,
      lastError: null,
      webhookState: 'not_registered',
    });
    const saved = await this.connections.save(connection);
    // The verifying call counts against the application's minute like any other: put it in the shared window.
    await this.connections.query(
      `INSERT INTO cin7_call_log (connection_id, budget_key, called_at, answered_at, priority)
       VALUES ($1, $2, now(), now(), 'interactive')`,
      [saved.id, budgetKeyOf(input.accountId, input.apiKey)],
    );
    await this.queue.send(
      QUEUES.webhooks,
      { supplierId, action: 'register' },
      { singletonKey: `webhooks:${supplierId}` },
    );
    await this.queue.send(
      QUEUES.referenceRefresh,
      { supplierId },
      { singletonKey: `reference:${supplierId}` },
    );
    return toConnection(saved, this.clients.clock.now());
  }

  async describe(supplierId: string): Promise<ConnectionResponse> {
    const connection = await this.connections.findOneBy({ supplierId, status: 'connected' });
    return connection ? toConnection(connection, this.clients.clock.now()) : { status: 'disconnected' };
  }

  /** Removes the credentials and stops the supplier's work; history (runs, pushes, links) is kept. */
  async disconnect(supplierId: string): Promise<void> {
    const connection = await this.connections.findOneBy({ supplierId, status: 'connected' });
    if (!connection?.apiKeyEncrypted) throw new NotFoundException('No Cin7 account is connected');
    const { apiKeyEncrypted } = connection;
    // The connection forgets its credentials at once; a copy waits, encrypted, only until our webhooks are removed
    // from Cin7 (they would otherwise keep calling us until Cin7 gives up on them).
    await this.connections.manager.transaction(async (m) => {
      await m.getRepository(RetiredCredentialsEntity).upsert(
        {
          connectionId: connection.id,
          supplierId,
          accountId: connection.accountId,
          apiKeyEncrypted,
          webhookSecretEncrypted: connection.webhookSecretEncrypted,
          retiredAt: new Date(this.clients.clock.now()),
        },
        ['connectionId'],
      );
      await m.getRepository(ConnectionEntity).update(connection.id, {
        status: 'disconnected',
        apiKeyEncrypted: null,
        webhookSecretEncrypted: null,
        disconnectedAt: new Date(),
        pausedUntil: null,
      });
    });
    await this.runs.cancelForSupplier(supplierId);
    await this.queue.cancelForSupplier(supplierId);
    await this.queue.send(
      QUEUES.webhooks,
      { supplierId, action: 'unregister' },
      { singletonKey: `webhooks-unregister:${supplierId}` },
    );
  }

  /** The credentials retired by the last disconnect, with a client on them, while our webhooks are removed. */
  async retiredClientFor(
    supplierId: string,
  ): Promise<{ retired: RetiredCredentialsEntity; client: Cin7Client } | null> {
    const retired = await this.connections.manager
      .getRepository(RetiredCredentialsEntity)
      .findOneBy({ supplierId });
    return retired ? { retired, client: this.clients.forRetiredCredentials(retired) } : null;
  }

  async forgetRetiredCredentials(connectionId: string): Promise<void> {
    await this.connections.manager.getRepository(RetiredCredentialsEntity).delete({ connectionId });
  }

  /** The active connection of a supplier, or ConnectionGoneError (work for a disconnected supplier stops). */
  async requireActive(supplierId: string): Promise<ConnectionEntity> {
    const connection = await this.connections.findOneBy({ supplierId, status: 'connected' });
    if (!connection) throw new ConnectionGoneError();
    return connection;
  }

  async clientFor(
    supplierId: string,
    priority: CallPriority,
  ): Promise<{ connection: ConnectionEntity; client: Cin7Client }> {
    const connection = await this.requireActive(supplierId);
    return { connection, client: this.clients.forConnection(connection, priority) };
  }

  async findActiveConnections(): Promise<ConnectionEntity[]> {
    return this.connections.findBy({ status: 'connected' });
  }
}

/** `now` on the module's clock: the budget sets `pausedUntil` on that clock. */
export function toConnection(c: ConnectionEntity, now: number): Connection {
  const paused = c.pausedUntil && c.pausedUntil.getTime() > now;
  return {
    status: paused ? 'paused' : 'connected',
    accountId: c.accountId,
    apiKeyLast4: c.apiKeyLast4,
    company: c.company,
    baseCurrency: c.baseCurrency,
    connectedAt: c.connectedAt.toISOString(),
    health: {
      lastSuccessfulCallAt: c.lastSuccessfulCallAt?.toISOString() ?? null,
      pausedUntil: paused ? (c.pausedUntil?.toISOString() ?? null) : null,
      lastError: c.lastError,
      webhooks: c.webhookState,
    },
  };
}
