import type { FeatureParts } from '../feature.js';

/** Approved orders become Cin7 sales, exactly once (issue 6). */
export const ordersFeature: FeatureParts = { controllers: [], providers: [], entities: [], migrations: [] };
