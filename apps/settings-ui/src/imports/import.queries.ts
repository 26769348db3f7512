import { type ImportRequest, type Job, jobSchema } from '@upstock/cin7-contracts';
import type { ApiClient } from '../api/api-client.js';

export type ImportKind = ImportRequest['kind'];
export const IMPORT_JOB_KIND = { customers: 'import-customers', products: 'import-products' } as const;

/** `POST /imports` answers 202 with the job (the running one when an import of that kind is already going). */
export const startImport = (api: ApiClient, kind: ImportKind): Promise<Job> =>
  api.request('POST', '/imports', jobSchema, { kind } satisfies ImportRequest);
