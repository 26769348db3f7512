import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SETTINGS, FULFILMENT_STEPS_RULE, settingsSchema } from './settings.schema.js';

describe('settingsSchema', () => {
  it('defaults to Draft, Simple, no fulfilment steps and the delivery date as ship-by', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      saleStatus: 'DRAFT',
      saleType: 'SIMPLE',
      fulfilmentSteps: 'NONE',
      shipByMode: 'DELIVERY_DATE',
      location: null,
      freightServiceName: 'Freight',
    });
  });

  it('allows fulfilment steps only for Simple + Authorised sales', () => {
    expect(settingsSchema.safeParse({ saleStatus: 'AUTHORISED', fulfilmentSteps: 'PICK_PACK' }).success).toBe(
      true,
    );
    for (const bad of [
      { saleStatus: 'DRAFT', fulfilmentSteps: 'PICK' },
      { saleStatus: 'AUTHORISED', saleType: 'ADVANCED', fulfilmentSteps: 'PICK_PACK_SHIP' },
    ]) {
      const result = settingsSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({
        path: ['fulfilmentSteps'],
        message: FULFILMENT_STEPS_RULE,
      });
    }
  });

  it('rejects unknown fields and values', () => {
    expect(settingsSchema.safeParse({ saleStatus: 'PAID' }).success).toBe(false);
    expect(settingsSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});
