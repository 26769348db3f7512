import type { FeatureParts } from '../feature.js';

/** Shipments and drift come back: webhooks and the reconciling poll (issue 7). */
export const shipmentsFeature: FeatureParts = { controllers: [], providers: [], entities: [], migrations: [] };
