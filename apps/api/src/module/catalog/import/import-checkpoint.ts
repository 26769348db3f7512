import { type ImportTally, tallyFromCheckpoint } from './import-tally.js';

/** Where a run resumes: the next Cin7 page to read at the page size it was read at, and the counts so far. */
export interface ImportCheckpoint {
  nextPage: number;
  pageSize: number;
  tally: ImportTally;
}

/**
 * Checkpoints saved before the page size was recorded: every import then read 1,000 rows a page (the client's
 * default), so their `nextPage` counts pages of 1,000.
 */
const UNRECORDED_PAGE_SIZE = 1000;

/** Where to start reading now, at `pageSize` a page: the first page, and the rows of it already written. */
export interface ResumePoint {
  startPage: number;
  /** Rows at the start of `startPage` that an earlier attempt wrote (when the page size changed in between). */
  skipRows: number;
  tally: ImportTally;
}

/**
 * A checkpoint is a position in Cin7's list, rows already written; read at another page size (products with
 * attachments went from 1,000 to 100 a page) the same position is another page number. The position is kept,
 * not the page number, so nothing is skipped or written twice across the change.
 */
export function resumePoint(
  saved: Record<string, unknown> | null | undefined,
  pageSize: number,
): ResumePoint {
  const nextPage = positiveInt(saved?.nextPage) ?? 1;
  const savedSize = positiveInt(saved?.pageSize) ?? UNRECORDED_PAGE_SIZE;
  const rowsDone = (nextPage - 1) * savedSize;
  return {
    startPage: Math.floor(rowsDone / pageSize) + 1,
    skipRows: rowsDone % pageSize,
    tally: tallyFromCheckpoint(saved?.tally),
  };
}

function positiveInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null;
}
