import { describe, expect, it } from '@jest/globals';
import { cin7Product } from '../../../../test/catalog/cin7-rows.js';
import { imageUrls, productSkipReason, sanitiseDescription, toProductUpsert } from './product.mapper.js';

describe('product mapping', () => {
  it('turns Cin7 HTML descriptions into plain text for buyers', () => {
    expect(
      sanitiseDescription('<p>Light tent</p><p>Sleeps <strong>two</strong> &amp; packs small.</p>'),
    ).toBe('Light tent\nSleeps two & packs small.');
    expect(sanitiseDescription('<ul><li>Waterproof</li><li>2&nbsp;kg</li></ul>')).toBe(
      '• Waterproof\n• 2 kg',
    );
    expect(sanitiseDescription('Line one<br/>Line two<script>alert("x")</script>')).toBe(
      'Line one\nLine two',
    );
    expect(sanitiseDescription('<p>&#8220;Best&#x201D; &#1; &bogus;</p>')).toBe('“Best” &bogus;');
    expect(sanitiseDescription('<p> </p><br>')).toBeNull();
    expect(sanitiseDescription(null)).toBeNull();
  });

  it('imports only active stock products, and says why the others are skipped', () => {
    const p = (o: Parameters<typeof cin7Product>[0]) => productSkipReason(cin7Product(o));
    expect(p({ ID: 'a', SKU: 'A' })).toBeNull();
    expect(p({ ID: 'a', SKU: 'A', Status: 'Deprecated' })).toBe('Deprecated in Cin7');
    expect(p({ ID: 'a', SKU: 'A', Type: 'Service' })).toBe(
      'Service product (only stock products are imported)',
    );
    expect(p({ ID: 'a', SKU: 'A', Status: 'Setup required' })).toBe(
      'Not active in Cin7 (status "Setup required")',
    );
    expect(p({ ID: 'a', SKU: '  ' })).toBe('No SKU in Cin7');
  });

  it('puts the default image first and leaves out attachments that are not images', () => {
    const attachment = (FileName: string, ContentType: string | null, IsDefault: boolean) => ({
      ID: null,
      FileName,
      ContentType,
      IsDefault,
      DownloadUrl: `https://files/${FileName}`,
    });
    expect(
      imageUrls([
        attachment('side.jpg', 'image/jpeg', false),
        attachment('care.pdf', 'application/pdf', false),
        attachment('front.png', 'image/png', true),
        attachment('back.webp', null, false),
      ]),
    ).toEqual(['https://files/front.png', 'https://files/side.jpg', 'https://files/back.webp']);
  });

  it('uses Tier 1 as the base price and keeps the Upstock id when updating', () => {
    const upsert = toProductUpsert(
      cin7Product({ ID: 'a', SKU: ' TENT-2P ', PriceTier1: 249, Description: '<p>Tent</p>' }),
      'u1',
    );
    expect(upsert).toEqual({
      id: 'u1',
      sku: 'TENT-2P',
      name: 'Product  TENT-2P ',
      notes: 'Tent',
      imageUrls: [],
      basePrice: 249,
    });
    expect(
      toProductUpsert(cin7Product({ ID: 'a', SKU: 'X', PriceTier1: null }), undefined),
    ).not.toHaveProperty('id');
  });
});
