import { queryOptions } from '@tanstack/react-query';
import { type Job, jobListSchema, jobSchema } from '@upstock/cin7-contracts';
import type { ApiClient } from '../api/api-client.js';
import { cin7Keys } from '../api/query-keys.js';

export const isJobActive = (job: Job | undefined | null): boolean =>
  job?.state === 'queued' || job?.state === 'running' || job?.state === 'paused';

/** One job, polled while it is queued, running or paused (throttled by Cin7: it resumes by itself). */
export const jobQuery = (api: ApiClient, id: string, pollMs: number) =>
  queryOptions({
    queryKey: cin7Keys.job(id),
    queryFn: () => api.request('GET', `/jobs/${encodeURIComponent(id)}`, jobSchema),
    refetchInterval: (query) => (isJobActive(query.state.data) ? pollMs : false),
  });

export const jobListQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: cin7Keys.jobs(),
    queryFn: () => api.request('GET', '/jobs', jobListSchema),
    select: (list) => list.items,
  });
