import { randomBytes } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AccountChange, Connection, ConnectionResponse, ConnectRequest } from '@upstock/cin7-contracts';
import type { CallPriority, Cin7Client } from '@upstock/cin7-core';
import { type EntityManager, Repository } from 'typeorm';
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
    const existing = await this.connections.findOneBy({ supplierId });
    if (existing?.status === 'connected' && !input.replace) {
      throw new ConflictException({
        message: `You are already connected to Cin7 (${existing.company}). Connecting again replaces that connection; confirm to go on.`,
        error: 'Already Connected',
        field: 'replace',
      });
    }
    const me = await this.clients.forCredentials(input.accountId, input.apiKey).me.get();
    const accountId = input.accountId.toLowerCase();
    const switching = existing !== null && existing.accountId !== accountId;
    const connection = this.connections.merge(existing ?? this.connections.create({ supplierId }), {
      accountId,
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
    const { saved, change } = await this.connections.manager.transaction(async (m) => {
      const change = switching ? await clearLinks(m, supplierId, existing.accountId, existing.company) : null;
      return { saved: await m.getRepository(ConnectionEntity).save(connection), change };
    });
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
    return {
      ...toConnection(saved, this.clients.clock.now()),
      sharedWith: await this.sharedWith(saved),
      ...(change ? { accountChange: change } : {}),
    };
  }

  /** How many other suppliers are connected to the same Cin7 account (they share its call budget). */
  private async sharedWith(c: ConnectionEntity): Promise<number> {
    const [row]: { n: number }[] = await this.connections.query(
      `SELECT count(*)::int AS n FROM cin7_connection
        WHERE account_id = $1 AND supplier_id <> $2 AND status = 'connected'`,
      [c.accountId, c.supplierId],
    );
    return row?.n ?? 0;
  }

  async describe(supplierId: string): Promise<ConnectionResponse> {
    const connection = await this.connections.findOneBy({ supplierId, status: 'connected' });
    if (!connection) return { status: 'disconnected' };
    return {
      ...toConnection(connection, this.clients.clock.now()),
      sharedWith: await this.sharedWith(connection),
    };
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

/**
 * Another Cin7 account: the links name Cin7 customers and products of the old account, which the new one does not
 * have (Cin7 ids are per account), so they are removed with the switch, in its transaction. The Upstock customers
 * and products stay; an import in the new account links them again (by name and SKU).
 */
async function clearLinks(
  m: EntityManager,
  supplierId: string,
  previousAccountId: string,
  previousCompany: string,
): Promise<AccountChange> {
  const [, customers]: [unknown, number] = await m.query(
    'DELETE FROM cin7_customer_link WHERE supplier_id = $1',
    [supplierId],
  );
  const [, products]: [unknown, number] = await m.query(
    'DELETE FROM cin7_product_link WHERE supplier_id = $1',
    [supplierId],
  );
  return {
    previousAccountId,
    customerLinksCleared: customers,
    productLinksCleared: products,
    message:
      `This is a different Cin7 account from before (${previousCompany}). ` +
      `${customers} customer and ${products} product links made with it were removed, as its customers and ` +
      'products do not exist in this account. Import customers and products to link them again.',
  };
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
