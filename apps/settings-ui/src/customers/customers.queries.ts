import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  type CatalogAddress,
  type CustomerLink,
  catalogAddressSchema,
  customerLinkSchema,
  customerSearchResponseSchema,
  type LinkCustomerInput,
  type LinkTakenDetails,
  linkAddressChoicesSchema,
  linkedCustomersResponseSchema,
  linkTakenDetailsSchema,
  productLinksResponseSchema,
  unmatchedCustomersResponseSchema,
} from '@upstock/cin7-contracts';
import { z } from 'zod';
import { type ApiClient, ApiRequestError } from '../api/api-client.js';
import { cin7Keys } from '../api/query-keys.js';

/** Unmatched customers shown at first (and added by each "Show more"). */
export const UNMATCHED_PAGE = 25;
/** Linked customers a page. */
export const LINKED_PAGE = 25;

export const unmatchedCustomersQuery = (api: ApiClient, search: string, limit: number) =>
  queryOptions({
    queryKey: [...cin7Keys.customers(), 'unmatched', { search, limit }] as const,
    queryFn: () => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (search) params.set('search', search);
      return api.request('GET', `/customers/unmatched?${params}`, unmatchedCustomersResponseSchema);
    },
    placeholderData: keepPreviousData,
  });

/** Linked customers: one page (server-side search and paging, so thousands stay quick). */
export const linkedCustomersQuery = (api: ApiClient, search: string, offset: number, limit: number) =>
  queryOptions({
    queryKey: [...cin7Keys.customers(), 'linked', { search, offset, limit }] as const,
    queryFn: () => {
      const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
      if (search) params.set('search', search);
      return api.request('GET', `/customers/linked?${params}`, linkedCustomersResponseSchema);
    },
    placeholderData: keepPreviousData,
  });

/** The linked Cin7 customer's shipping addresses today (one Cin7 call: asked for when the supplier opens it). */
export const linkAddressesQuery = (api: ApiClient, upstockCustomerId: string) =>
  queryOptions({
    queryKey: [...cin7Keys.customers(), 'addresses', upstockCustomerId] as const,
    queryFn: () =>
      api.request(
        'GET',
        `/customers/${encodeURIComponent(upstockCustomerId)}/link/addresses`,
        linkAddressChoicesSchema,
      ),
    staleTime: 60_000,
  });

export const unlinkCustomer = (api: ApiClient, upstockCustomerId: string): Promise<void> =>
  api.send('DELETE', `/customers/${encodeURIComponent(upstockCustomerId)}/link`);

export const productLinksQuery = (api: ApiClient, search: string, offset: number, limit: number) =>
  queryOptions({
    queryKey: [...cin7Keys.all, 'products', 'links', { search, offset, limit }] as const,
    queryFn: () => {
      const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
      if (search) params.set('search', search);
      return api.request('GET', `/products/links?${params}`, productLinksResponseSchema);
    },
    placeholderData: keepPreviousData,
  });

/** Who holds a Cin7 customer, when linking answered 409 (the panel then offers to move the link). */
export function linkTakenBy(error: unknown): LinkTakenDetails | null {
  if (!(error instanceof ApiRequestError) || error.status !== 409) return null;
  const parsed = linkTakenDetailsSchema.safeParse(error.body?.details);
  return parsed.success ? parsed.data : null;
}

/** Searching Cin7 is one of the two interactive Cin7 calls: it runs only when the supplier submits a search. */
export const cin7CustomerSearchQuery = (api: ApiClient, q: string) =>
  queryOptions({
    queryKey: cin7Keys.customerSearch(q),
    queryFn: () =>
      api.request('GET', `/customers/search?${new URLSearchParams({ q })}`, customerSearchResponseSchema),
    enabled: q.length > 0,
    staleTime: 60_000,
  });

export const linkCustomer = (
  api: ApiClient,
  upstockCustomerId: string,
  input: LinkCustomerInput,
): Promise<CustomerLink> =>
  api.request('PUT', `/customers/${encodeURIComponent(upstockCustomerId)}/link`, customerLinkSchema, input);

const addressListSchema = z.array(catalogAddressSchema);

/** The address choices a 400 names (whatever key of `details` carries them), or null. */
export function addressChoicesOf(error: unknown): CatalogAddress[] | null {
  if (!(error instanceof ApiRequestError) || !error.body?.details) return null;
  for (const value of Object.values(error.body.details)) {
    const parsed = addressListSchema.safeParse(value);
    if (parsed.success && parsed.data.length > 0) return parsed.data;
  }
  return null;
}

export function formatAddress(address: CatalogAddress): string {
  return [address.line1, address.line2, address.city, address.state, address.postcode, address.country]
    .filter((part): part is string => Boolean(part))
    .join(', ');
}
