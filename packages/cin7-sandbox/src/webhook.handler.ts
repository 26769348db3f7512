import type { ApiHandler } from './api-context.js';
import { Cin7HttpError, Fields, sameId } from './http-kit.js';
import type { WebhookRecord } from './store.types.js';

/** `/webhooks` CRUD (reference §6): `{"Webhooks":[...]}`, no paging, at most 5 registrations per type. */
const MAX_PER_TYPE = 5;

const SUPPORTED_TYPES = [
  'Sale/Created',
  'Sale/QuoteAuthorised',
  'Sale/OrderAuthorised',
  'Sale/Voided',
  'Sale/Backordered',
  'Sale/ShipmentAuthorised',
  'Sale/InvoiceAuthorised',
  'Sale/PickAuthorised',
  'Sale/PackAuthorised',
  'Sale/CreditNoteAuthorised',
  'Sale/Undo',
  'Sale/ShipmentTrackingNumberChanged',
  'Customer/Updated',
  'Product/Updated',
  'Stock/AvailableStockLevelChanged',
];

function render(hook: WebhookRecord) {
  return { ...hook, ExternalHeaders: hook.ExternalHeaders.map((h) => ({ ...h })) };
}

function readHook(f: Fields, into: WebhookRecord): void {
  const type = f.str('Type') ?? into.Type;
  const canonical = SUPPORTED_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
  if (!canonical) throw new Cin7HttpError(400, `Webhook type '${type}' is not valid.`);
  const url = f.str('ExternalURL') ?? into.ExternalURL;
  if (!/^https?:\/\//i.test(url))
    throw new Cin7HttpError(400, 'Required attribute ExternalURL is not provided or is not a valid URL.');
  const auth = (f.str('ExternalAuthorizationType') ?? into.ExternalAuthorizationType).toLowerCase();
  if (auth !== 'noauth' && auth !== 'basicauth' && auth !== 'bearerauth') {
    throw new Cin7HttpError(400, `ExternalAuthorizationType '${auth}' is not valid.`);
  }
  into.Type = canonical;
  into.Name = canonical.replace('/', ' ');
  into.ExternalURL = url;
  into.ExternalAuthorizationType = auth;
  into.IsActive = f.bool('IsActive') ?? into.IsActive;
  into.ExternalUserName = f.str('ExternalUserName') ?? into.ExternalUserName;
  into.ExternalPassword = f.str('ExternalPassword') ?? into.ExternalPassword;
  into.ExternalBearerToken = f.str('ExternalBearerToken') ?? into.ExternalBearerToken;
  if (f.has('ExternalHeaders')) {
    into.ExternalHeaders = f
      .list('ExternalHeaders')
      .map((h) => ({ Key: h.str('Key') ?? '', Value: h.str('Value') ?? '' }));
  }
}

export const getWebhooks: ApiHandler = ({ state }) => ({ Webhooks: state.webhooks.map(render) });

export const postWebhook: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const hook: WebhookRecord = {
    ID: ctx.engine.newId(),
    Type: '',
    Name: '',
    IsActive: true,
    ExternalURL: '',
    ExternalAuthorizationType: 'noauth',
    ExternalUserName: null,
    ExternalPassword: null,
    ExternalBearerToken: null,
    ExternalHeaders: [],
  };
  readHook(f, hook);
  if (ctx.state.webhooks.filter((w) => w.Type === hook.Type).length >= MAX_PER_TYPE) {
    throw new Cin7HttpError(400, `You can have only ${MAX_PER_TYPE} webhooks of type ${hook.Type}.`);
  }
  ctx.state.webhooks.push(hook);
  return { Webhooks: [render(hook)] };
};

export const putWebhook: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const id = f.str('ID');
  const hook = ctx.state.webhooks.find((w) => sameId(w.ID, id));
  if (!hook) throw new Cin7HttpError(400, `Webhook with ID ${id ?? ''} not found.`);
  const draft = { ...hook, ExternalHeaders: [...hook.ExternalHeaders] };
  readHook(f, draft);
  Object.assign(hook, draft);
  return { Webhooks: [render(hook)] };
};

export const deleteWebhook: ApiHandler = (ctx) => {
  const id = ctx.query.str('ID');
  const before = ctx.state.webhooks.length;
  ctx.state.webhooks = ctx.state.webhooks.filter((w) => !sameId(w.ID, id));
  if (ctx.state.webhooks.length === before)
    throw new Cin7HttpError(400, `Webhook with ID ${id ?? ''} not found.`);
  return { Webhooks: [] };
};
