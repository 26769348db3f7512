import type { Cin7Transport } from '../http/transport.js';
import { type Cin7CompanyContact, type Cin7Me, meContactsEnvelope, meSchema } from '../schemas/me.schema.js';

export class MeResource {
  constructor(private readonly transport: Cin7Transport) {}

  /** `GET /me`: company name and base currency. Also the credentials check when connecting. */
  get(): Promise<Cin7Me> {
    return this.transport.request({ method: 'GET', path: 'me', schema: meSchema });
  }

  /** `GET /me/contacts`: company contacts, where sales representatives live (reference sec. 7). */
  async contacts(): Promise<Cin7CompanyContact[]> {
    const envelope = await this.transport.request({
      method: 'GET',
      path: 'me/contacts',
      schema: meContactsEnvelope,
    });
    return envelope.MeContactsList;
  }
}
