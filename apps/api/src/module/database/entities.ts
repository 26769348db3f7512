import { FEATURES } from '../features.js';
import { FOUNDATION_ENTITIES } from '../foundation.module.js';

/** Every table the module owns. The host adds these to its DataSource. */
export const CIN7_CORE_ENTITIES = [...FOUNDATION_ENTITIES, ...FEATURES.flatMap((f) => f.entities)];
