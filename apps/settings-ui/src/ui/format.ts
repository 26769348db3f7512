/**
 * One formatter for the panel's life: `toLocaleString` with options builds a new one on every call, which costs
 * about a millisecond each (far more on a busy machine) and the first screen formats dozens of dates.
 */
let dateTimeFormat: Intl.DateTimeFormat | null = null;

/** Dates as the supplier reads them (their browser's locale and time zone). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return dateTimeFormat.format(date);
}
