import type { FeatureParts } from '../feature.js';

/** Import customers and products, match customers, reference data (issue 4). */
export const catalogFeature: FeatureParts = { controllers: [], providers: [], entities: [], migrations: [] };
