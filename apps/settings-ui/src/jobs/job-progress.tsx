import type { Job } from '@upstock/cin7-contracts';
import { formatDateTime } from '../ui/format.js';
import { TableScroll } from '../ui/table-scroll.js';

const STATE_WORDS: Record<Job['state'], string> = {
  queued: 'Waiting to start…',
  running: 'In progress…',
  paused: 'Paused while Cin7 asks us to slow down; it carries on by itself.',
  succeeded: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** `counts`: whether created/updated/skipped mean something for this kind of job (imports: yes; price syncs report
 * their changes their own way). */
interface JobViewProps {
  job: Job;
  label: string;
  counts?: boolean;
}

/** Live progress of a background job: a labelled progress bar and the running counts. */
export function JobProgress({ job, label, counts = true }: JobViewProps) {
  const { pagesDone, pagesTotal, created, updated, skipped } = job.progress;
  const known = pagesTotal !== null && pagesTotal > 0;
  return (
    <div className="c7-job" aria-live="polite">
      <p>
        <strong>{label}:</strong> {STATE_WORDS[job.state]}
      </p>
      {job.state === 'queued' || job.state === 'running' || job.state === 'paused' ? (
        <progress
          className="c7-progress"
          aria-label={`${label} progress`}
          max={known ? pagesTotal : undefined}
          value={known ? pagesDone : undefined}
        />
      ) : null}
      <p className="c7-muted">
        {known ? `Page ${pagesDone} of ${pagesTotal}. ` : pagesDone > 0 ? `${pagesDone} pages read. ` : ''}
        {counts ? `${created} created, ${updated} updated, ${skipped} skipped.` : null}
      </p>
    </div>
  );
}

/** The outcome of a finished job: counts, every skipped item with its reason, or the error. */
export function JobSummary({ job, label, counts = true }: JobViewProps) {
  const { created, updated, skipped } = job.progress;
  const summary = typeof job.result?.summary === 'string' ? job.result.summary : null;
  return (
    <div className="c7-job-summary">
      {job.state === 'failed' ? (
        <p className="c7-alert c7-alert-error" role="alert">
          {label} failed{job.error ? `: ${job.error}` : '.'}
        </p>
      ) : (
        <div className="c7-alert c7-alert-ok">
          <p>
            <strong>{label} finished</strong> {formatDateTime(job.finishedAt)}
            {counts ? `: ${created} created, ${updated} updated, ${skipped} skipped.` : '.'}
          </p>
          {summary ? <p>{summary}</p> : null}
        </div>
      )}
      {job.skippedItems.length > 0 ? (
        <details>
          <summary>
            {job.skippedItems.length} skipped {job.skippedItems.length === 1 ? 'item' : 'items'} and why
          </summary>
          <TableScroll label="Skipped items">
            <table>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {job.skippedItems.map((item) => (
                  <tr key={item.cin7Id}>
                    <td>{item.label}</td>
                    <td>{item.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ) : null}
    </div>
  );
}
