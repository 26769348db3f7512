import type { Cin7Customer, Cin7CustomerAddress } from '@upstock/cin7-core';
import type { CustomerUpsert, HostAddress, HostContact } from '../../ports/index.js';
import type { LinkedAddress } from '../links/customer-link.entity.js';

export const SKIP_DEPRECATED_CUSTOMER = 'Deprecated in Cin7';

/** Cin7 takes a sale in another currency only with an exchange rate Upstock does not have (help article). */
export function currencyBlockedReason(currency: string, baseCurrency: string): string | null {
  if (currency.toUpperCase() === baseCurrency.toUpperCase()) return null;
  return `Orders in ${currency} cannot be sent to Cin7: Upstock only sends orders in your Cin7 base currency (${baseCurrency}).`;
}

export function customerCurrency(c: Cin7Customer, baseCurrency: string): string {
  return (c.Currency ?? baseCurrency).trim().toUpperCase() || baseCurrency;
}

function toLinkedAddress(a: Cin7CustomerAddress): LinkedAddress | null {
  const line1 = a.Line1?.trim();
  if (!line1) return null;
  return {
    id: a.ID,
    line1,
    line2: blankToNull(a.Line2),
    city: blankToNull(a.City),
    state: blankToNull(a.State),
    postcode: blankToNull(a.Postcode),
    country: a.Country?.trim() ?? '',
  };
}

function addressesOfType(c: Cin7Customer, type: string): LinkedAddress[] {
  const ofType = c.Addresses.filter((a) => a.Type?.toLowerCase() === type);
  // Cin7's default for the type first: it is what an import picks when the supplier has not chosen.
  const ordered = [
    ...ofType.filter((a) => a.DefaultForType === true),
    ...ofType.filter((a) => a.DefaultForType !== true),
  ];
  return ordered.map(toLinkedAddress).filter((a): a is LinkedAddress => a !== null);
}

/** The choices of a link's shipping address, Cin7's default first. */
export function shippingAddresses(c: Cin7Customer): LinkedAddress[] {
  return addressesOfType(c, 'shipping');
}

/** Billing address, else the business address (Cin7 uses it for invoices when no billing address is set). */
export function billingAddress(c: Cin7Customer): LinkedAddress | null {
  return addressesOfType(c, 'billing')[0] ?? addressesOfType(c, 'business')[0] ?? null;
}

export function defaultContactEmail(c: Cin7Customer): string | null {
  const withEmail = c.Contacts.filter((k) => k.Email?.trim());
  const chosen = withEmail.find((k) => k.Default === true) ?? withEmail[0];
  return chosen?.Email?.trim() ?? null;
}

export function toHostAddress(a: LinkedAddress): HostAddress {
  const { id: _id, ...rest } = a;
  return rest;
}

export function toCustomerUpsert(
  c: Cin7Customer,
  baseCurrency: string,
  id: string | undefined,
): CustomerUpsert {
  const currency = customerCurrency(c, baseCurrency);
  const billing = billingAddress(c);
  const contacts: HostContact[] = c.Contacts.filter((k) => k.Name?.trim() || k.Email?.trim()).map((k) => ({
    name: k.Name?.trim() || (k.Email?.trim() ?? ''),
    email: blankToNull(k.Email),
    phone: blankToNull(k.Phone) ?? blankToNull(k.MobilePhone),
    isDefault: k.Default === true,
  }));
  return {
    ...(id ? { id } : {}),
    name: c.Name,
    email: defaultContactEmail(c),
    contacts,
    billingAddress: billing ? toHostAddress(billing) : null,
    shippingAddresses: shippingAddresses(c).map(toHostAddress),
    priceTier: blankToNull(c.PriceTier),
    discountPercent: c.Discount ?? 0,
    salesRepresentative: blankToNull(c.SalesRepresentative),
    currency,
    orderingBlockedReason: currencyBlockedReason(currency, baseCurrency),
  };
}

/**
 * The shipping address a link uses: the one asked for, else the link's current choice while the customer still
 * has it, else Cin7's default shipping address. Null when the customer has none.
 */
export function chooseShippingAddress(
  choices: readonly LinkedAddress[],
  current: string | null,
): LinkedAddress | null {
  return choices.find((a) => a.id !== null && a.id === current) ?? choices[0] ?? null;
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
