import type { ApiContext, ApiHandler } from './api-context.js';
import { attachmentUrl, renderCustomer, renderProduct } from './catalog.render.js';
import { Cin7HttpError, paginate, sameId } from './http-kit.js';
import { parseCin7Date } from './wire-format.js';

/** Read endpoints for the account, customers, products and reference books (reference §1, §3, §4, §7). */

function sinceParam(ctx: ApiContext, name: string): number | undefined {
  const raw = ctx.query.str(name);
  if (raw === undefined) return undefined;
  const ms = parseCin7Date(raw);
  if (ms === undefined) throw new Cin7HttpError(400, `Parameter ${name} is not a valid date.`);
  return ms;
}

const startsWith = (value: string, prefix: string) => value.toLowerCase().startsWith(prefix.toLowerCase());
const contains = (value: string, part: string) => value.toLowerCase().includes(part.toLowerCase());

export const getMe: ApiHandler = ({ state }) => state.me;

export const getMeContacts: ApiHandler = (ctx) => {
  const page = paginate(ctx.query, ctx.state.contacts);
  return { Total: page.Total, Page: page.Page, MeContactsList: page.rows };
};

export const getCustomers: ApiHandler = (ctx) => {
  const { query, state } = ctx;
  const id = query.str('ID');
  const name = query.str('Name');
  const contact = query.str('ContactFilter');
  const since = sinceParam(ctx, 'ModifiedSince');
  const includeDeprecated = query.bool('IncludeDeprecated');
  const rows = state.customers.filter(
    (c) =>
      (!id || sameId(c.ID, id)) &&
      (!name || startsWith(c.Name, name)) &&
      (!contact ||
        c.Contacts.some(
          (k) => startsWith(k.Name, contact) || (k.Email ?? '').toLowerCase() === contact.toLowerCase(),
        )) &&
      (since === undefined || c.lastModified >= since) &&
      (includeDeprecated || !!id || c.Status === 'Active'),
  );
  const page = paginate(query, rows);
  const includePrices = query.bool('IncludeProductPrices');
  return {
    Total: page.Total,
    Page: page.Page,
    CustomerList: page.rows.map((c) => renderCustomer(state, c, includePrices)),
  };
};

export const getProducts: ApiHandler = (ctx) => {
  const { query, state } = ctx;
  const id = query.str('ID');
  const sku = query.str('Sku');
  const name = query.str('Name');
  const since = sinceParam(ctx, 'ModifiedSince');
  const includeDeprecated = query.bool('IncludeDeprecated');
  // The docs disagree on "starts with" vs "containing" for Name/Sku (reference §4.1); "containing" matches both.
  const rows = state.products.filter(
    (p) =>
      (!id || sameId(p.ID, id)) &&
      (!sku || contains(p.SKU, sku)) &&
      (!name || contains(p.Name, name)) &&
      (since === undefined || p.lastModified >= since) &&
      (includeDeprecated || !!id || p.Status === 'Active'),
  );
  const page = paginate(query, rows);
  const opts = {
    includeAttachments: query.bool('IncludeAttachments'),
    includeCustomPrices: query.bool('IncludeCustomPrices'),
    publicUrl: ctx.publicUrl,
  };
  return {
    Total: page.Total,
    Page: page.Page,
    Products: page.rows.map((p) => renderProduct(state, p, opts)),
  };
};

/** `GET product/attachments?ProductID=`: a bare array whose IsDefault is the string "true"/"false" (BP example). */
export const getProductAttachments: ApiHandler = (ctx) => {
  const productId = ctx.query.str('ProductID');
  if (!productId) throw new Cin7HttpError(400, 'ProductID is required.');
  const product = ctx.state.products.find((p) => sameId(p.ID, productId));
  if (!product) throw new Cin7HttpError(400, `Product with ID ${productId} not found.`);
  return product.attachments.map((a) => ({
    ID: a.ID,
    ProductID: product.ID,
    ContentType: a.ContentType,
    FileName: a.FileName,
    IsDefault: a.IsDefault ? 'true' : 'false',
    DownloadUrl: attachmentUrl(ctx.publicUrl, a),
  }));
};

export const getPriceTiers: ApiHandler = ({ state }) => ({
  PriceTiers: state.priceTierNames.map((Name, i) => ({ Code: i + 1, Name })),
});

export const getTaxRules: ApiHandler = (ctx) => {
  const name = ctx.query.str('Name');
  const id = ctx.query.str('ID');
  const rows = ctx.state.taxRules.filter(
    (t) => (!id || sameId(t.ID, id)) && (!name || startsWith(t.Name, name)),
  );
  const page = paginate(ctx.query, rows);
  return {
    Total: page.Total,
    Page: page.Page,
    TaxRuleList: page.rows.map((t) => ({
      ...t,
      Components: [
        {
          Name: t.Name,
          Percent: t.TaxPercent.toFixed(10),
          AccountCode: t.Account,
          ComponentOrder: 1,
          Compound: false,
        },
      ],
    })),
  };
};

export const getLocations: ApiHandler = (ctx) => {
  const name = ctx.query.str('Name');
  const rows = ctx.state.locations.filter((l) => !name || startsWith(l.Name, name));
  const page = paginate(ctx.query, rows);
  return {
    Total: page.Total,
    Page: page.Page,
    LocationList: page.rows.map((l) => ({
      ...l,
      Bins: [],
      FixedAssetsLocation: false,
      ParentID: null,
      ParentName: null,
      ReferenceCount: 0,
      AddressLine2: '',
      AddressStateProvince: '',
      PickZones: '',
      IsShopfloor: false,
      IsCoMan: false,
      IsStaging: false,
    })),
  };
};

export const getCarriers: ApiHandler = (ctx) => {
  const page = paginate(ctx.query, ctx.state.carriers);
  return { Total: page.Total, Page: page.Page, CarrierList: page.rows };
};

export const getPaymentTerms: ApiHandler = (ctx) => {
  const page = paginate(ctx.query, ctx.state.paymentTerms);
  return { Total: page.Total, Page: page.Page, PaymentTermList: page.rows };
};

export const getDiscountRules: ApiHandler = (ctx) => {
  const id = ctx.query.str('ID');
  const search = ctx.query.str('Search');
  const rows = ctx.state.discountRules.filter(
    (r) => (!id || sameId(r.ID, id)) && (!search || contains(r.Name, search)),
  );
  const page = paginate(ctx.query, rows, 25);
  return { DiscountRules: page.rows, Total: page.Total, Page: page.Page };
};

/** Deals: the docs' example shows no Total, but it pages with a default of 25 (reference §2.3). */
export const getDeals: ApiHandler = (ctx) => {
  const page = paginate(ctx.query, ctx.state.deals, 25);
  return { Deals: page.rows, Total: page.Total, Page: page.Page };
};
