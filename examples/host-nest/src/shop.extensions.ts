import type { Cin7CoreExtensions } from '@upstock/cin7-api';

/** What the shop adds to the module without editing it: a Note line on every sale, and a sync of its own. */
export function shopExtensions(
  onCompanyChecked: (supplierId: string, company: string) => void,
): Cin7CoreExtensions {
  return {
    saleHooks: [
      {
        async adjustSaleHeader(header, { order }) {
          return {
            ...header,
            Note: [header.Note, `Shop order ${order.number} (channel: wholesale)`].filter(Boolean).join('\n'),
          };
        },
      },
    ],
    scheduledSyncs: [
      {
        name: 'shop-company-check',
        everyMinutes: 24 * 60,
        async run({ supplierId, cin7 }) {
          onCompanyChecked(supplierId, (await cin7.me.get()).Company);
        },
      },
    ],
  };
}
