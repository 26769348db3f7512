import { describe, expect, it } from '@jest/globals';
import { resumePoint } from './import-checkpoint.js';
import { emptyTally } from './import-tally.js';

describe('resumePoint', () => {
  const tally = { ...emptyTally(), seen: 1000, created: 990 };

  it('starts a new run at page 1', () => {
    expect(resumePoint(null, 100)).toEqual({ startPage: 1, skipRows: 0, tally: emptyTally() });
  });

  it('resumes at the saved page when the page size is unchanged', () => {
    expect(resumePoint({ nextPage: 4, pageSize: 100, tally }, 100)).toMatchObject({
      startPage: 4,
      skipRows: 0,
    });
  });

  it('reads a checkpoint without a page size as pages of 1,000 (saved before the size was recorded)', () => {
    // Page 1 of 1,000 was written: rows 1-1,000, so the next row is the first of page 11 at 100 a page.
    expect(resumePoint({ nextPage: 2, tally }, 100)).toEqual({ startPage: 11, skipRows: 0, tally });
  });

  it('keeps the position when the new pages are larger: the written rows of the first page are skipped', () => {
    // 300 rows written at 100 a page: page 1 at 1,000 a page, its first 300 rows already written.
    expect(resumePoint({ nextPage: 4, pageSize: 100, tally }, 1000)).toMatchObject({
      startPage: 1,
      skipRows: 300,
    });
  });

  it('ignores a malformed page or size rather than guessing a position', () => {
    expect(resumePoint({ nextPage: 'x', pageSize: 0 }, 100)).toMatchObject({ startPage: 1, skipRows: 0 });
  });
});
