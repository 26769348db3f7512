import type { FeatureParts } from '../feature.js';

/** Price tiers, customer prices and discounts into Upstock price lists (issue 5). */
export const pricesFeature: FeatureParts = { controllers: [], providers: [], entities: [], migrations: [] };
