import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Job } from '@upstock/cin7-contracts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-client.js';
import { usePanelApi, usePollMs } from '../api/panel-api.context.js';
import { cin7Keys } from '../api/query-keys.js';
import { isJobActive, jobListQuery, jobQuery } from '../jobs/job.queries.js';
import { JobProgress, JobSummary } from '../jobs/job-progress.js';
import { LoadError, Loading } from '../ui/query-states.js';
import { IMPORT_JOB_KIND, type ImportKind, startImport } from './import.queries.js';
import { ProductLinks } from './product-links.js';

const LABEL: Record<ImportKind, string> = { customers: 'Customer import', products: 'Product import' };

export function ImportSection() {
  const api = usePanelApi();
  const jobs = useQuery(jobListQuery(api));
  return (
    <section className="c7-section" aria-labelledby="c7-import-title">
      <h2 id="c7-import-title">Import customers &amp; products</h2>
      <p>
        Each customer and product in Upstock is linked to its match in Cin7, so sales orders are created for
        the right customer and your inventory stays correct. Product images and notes come along too.
      </p>
      {jobs.isPending ? (
        <Loading label="Loading recent imports…" />
      ) : jobs.isError ? (
        <LoadError what="recent imports" error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <div className="c7-grid-2">
          <ImportCard kind="customers" latest={latestOf(jobs.data, 'customers')} />
          <ImportCard kind="products" latest={latestOf(jobs.data, 'products')} />
        </div>
      )}
      <ProductLinks />
    </section>
  );
}

function latestOf(jobs: Job[], kind: ImportKind): Job | undefined {
  return jobs
    .filter((j) => j.kind === IMPORT_JOB_KIND[kind])
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

function ImportCard({ kind, latest }: { kind: ImportKind; latest: Job | undefined }) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const pollMs = usePollMs();
  const [jobId, setJobId] = useState<string | null>(null);
  const id = jobId ?? latest?.id ?? null;
  const job = useQuery({
    ...jobQuery(api, id ?? '', pollMs),
    enabled: id !== null,
    initialData: jobId ? undefined : latest,
  });
  const current = job.data;
  const active = isJobActive(current);

  const start = useMutation({
    mutationFn: () => startImport(api, kind),
    onSuccess: (started) => {
      queryClient.setQueryData(cin7Keys.job(started.id), started);
      setJobId(started.id);
    },
  });

  // When the import started here finishes, what it changed (customers to match, the job list) is stale.
  const finishedHere = current !== undefined && !active && jobId === current.id;
  useEffect(() => {
    if (!finishedHere) return;
    void queryClient.invalidateQueries({ queryKey: cin7Keys.customers() });
    void queryClient.invalidateQueries({ queryKey: cin7Keys.jobs(), exact: true });
  }, [finishedHere, queryClient]);

  const noun = kind === 'customers' ? 'customers' : 'products';
  return (
    <div className="c7-card">
      <h3>{kind === 'customers' ? 'Customers' : 'Products'}</h3>
      {current && active ? <JobProgress job={current} label={LABEL[kind]} /> : null}
      {current && !active ? <JobSummary job={current} label={LABEL[kind]} /> : null}
      {!current ? <p className="c7-muted">Not imported yet.</p> : null}
      {start.isError ? (
        <p className="c7-alert c7-alert-error" role="alert">
          Could not start the import. {errorMessage(start.error)}
        </p>
      ) : null}
      <div className="c7-actions">
        <button
          type="button"
          className="c7-button c7-button-primary"
          disabled={active || start.isPending}
          onClick={() => start.mutate()}
        >
          {active ? `Importing ${noun}…` : current ? `Import ${noun} again` : `Import ${noun}`}
        </button>
      </div>
    </div>
  );
}
