import { errorMessage } from '../api/api-client.js';

export function Loading({ label }: { label: string }) {
  return (
    <p className="c7-muted" role="status">
      {label}
    </p>
  );
}

/** A failed load in plain words, with a way to try again. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  return (
    <div className="c7-alert c7-alert-error" role="alert">
      <p>
        Could not load {what}. {errorMessage(error)}
      </p>
      <button type="button" className="c7-button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
