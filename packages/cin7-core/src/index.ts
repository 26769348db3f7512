// Public surface of @upstock/cin7-core (the sandbox is its own package, @upstock/cin7-sandbox).
export {
  CIN7_DEFAULT_BASE_URL,
  CIN7_DEFAULT_TIMEOUT_MS,
  Cin7Client,
  type Cin7ClientOptions,
} from './client/cin7-client.js';
export {
  Cin7AuthError,
  Cin7ConnectionError,
  Cin7Error,
  Cin7NotFoundError,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7TimeoutError,
  Cin7ValidationError,
  isUncertainWriteOutcome,
} from './errors/cin7-error.js';
export {
  type CallBudget,
  type CallPriority,
  CIN7_CALLS_PER_MINUTE,
  TokenBucketBudget,
  type TokenBucketBudgetOptions,
  unlimitedBudget,
} from './http/call-budget.js';
export { type Clock, systemClock } from './http/clock.js';
export type { Cin7Logger } from './http/logger.js';
export {
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_DELAY_MS,
  type RetryOptions,
  THROTTLE_MIN_DELAY_MS,
} from './http/retry-policy.js';
export type * from './inputs/sale.inputs.js';
export { CIN7_MAX_LIMIT, type Cin7Page, type PageOptions } from './pagination/paginate.js';
export type { AvailabilityQuery } from './resources/availability.resource.js';
export type { CustomerQuery } from './resources/customers.resource.js';
export { PRODUCT_PAGE_LIMIT_WITH_INCLUDES, type ProductQuery } from './resources/products.resource.js';
export type { SaleListQuery } from './resources/sales.resource.js';
export {
  availabilityWebhookSchema,
  type Cin7AvailabilityRow,
  type Cin7AvailabilityWebhookRow,
} from './schemas/availability.schema.js';
export type {
  Cin7Customer,
  Cin7CustomerAddress,
  Cin7CustomerContact,
  Cin7CustomerProductPrice,
} from './schemas/customer.schema.js';
export type { Cin7CompanyContact, Cin7Me } from './schemas/me.schema.js';
export { parseCin7Timestamp } from './schemas/primitives.schema.js';
export type { Cin7Product, Cin7ProductAttachment, Cin7ProductCustomPrice } from './schemas/product.schema.js';
export type {
  Cin7Carrier,
  Cin7Deal,
  Cin7DiscountRule,
  Cin7Location,
  Cin7PaymentTerm,
  Cin7PriceTier,
  Cin7TaxRule,
} from './schemas/reference.schema.js';
export type {
  Cin7AdditionalCharge,
  Cin7Fulfilment,
  Cin7PickPack,
  Cin7Sale,
  Cin7SaleAddress,
  Cin7SaleLine,
  Cin7SaleListRow,
  Cin7SaleOrder,
  Cin7Ship,
  Cin7ShipLine,
} from './schemas/sale.schema.js';
export type { Cin7Webhook } from './schemas/webhook.schema.js';
