import type { CustomerLink } from '@upstock/cin7-contracts';
import type { CustomerLinkEntity } from './customer-link.entity.js';

/** A customer link as the API answers it. */
export function toCustomerLink(link: CustomerLinkEntity): CustomerLink {
  return {
    upstockCustomerId: link.upstockCustomerId,
    cin7CustomerId: link.cin7CustomerId,
    cin7Name: link.cin7Name,
    currency: link.currency,
    shippingAddressId: link.shippingAddressId,
    shippingAddress: link.shippingAddress,
    billingAddress: link.billingAddress,
    priceTier: link.priceTier,
    discount: link.discount,
    salesRepresentative: link.salesRepresentative,
    orderingBlockedReason: link.orderingBlockedReason,
    updatedAt: link.updatedAt.toISOString(),
  };
}
