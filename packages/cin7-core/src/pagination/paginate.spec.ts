import { describe, expect, it } from '@jest/globals';
import { type Cin7Page, paginate, toPage } from './paginate.js';

function source(total: number, opts: { reportTotal?: boolean } = {}) {
  const calls: number[] = [];
  const fetchPage = async (page: number, limit: number): Promise<Cin7Page<number>> => {
    calls.push(page);
    const start = (page - 1) * limit;
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => start + i);
    return toPage({ Total: opts.reportTotal === false ? null : total, Page: page }, items, page, limit);
  };
  return { calls, fetchPage };
}

async function collect(it: AsyncIterable<Cin7Page<number>>): Promise<Cin7Page<number>[]> {
  const pages: Cin7Page<number>[] = [];
  for await (const page of it) pages.push(page);
  return pages;
}

describe('paginate', () => {
  it('reads ceil(Total/Limit) pages and no more', async () => {
    const s = source(2500);
    const pages = await collect(paginate(s.fetchPage, { limit: 1000 }));
    expect(s.calls).toEqual([1, 2, 3]);
    expect(pages.map((p) => p.items.length)).toEqual([1000, 1000, 500]);
    expect(pages[0]?.total).toBe(2500);
  });

  it('stops on the last full page when Total is an exact multiple', async () => {
    const s = source(2000);
    await collect(paginate(s.fetchPage, { limit: 1000 }));
    expect(s.calls).toEqual([1, 2]);
  });

  it('resumes from startPage', async () => {
    const s = source(2500);
    const pages = await collect(paginate(s.fetchPage, { limit: 1000, startPage: 3 }));
    expect(s.calls).toEqual([3]);
    expect(pages[0]?.items[0]).toBe(2000);
  });

  it('calls onPageDone after each page was processed, never for a page whose processing failed', async () => {
    const s = source(2500);
    const log: string[] = [];
    const onPageDone = (page: Cin7Page<unknown>) => {
      log.push(`done ${page.page}`);
    };
    await expect(
      (async () => {
        for await (const page of paginate(s.fetchPage, { limit: 1000, onPageDone })) {
          log.push(`process ${page.page}`);
          if (page.page === 2) throw new Error('crash while writing page 2');
        }
      })(),
    ).rejects.toThrow('crash while writing page 2');
    expect(log).toEqual(['process 1', 'done 1', 'process 2']);

    log.length = 0;
    for await (const page of paginate(s.fetchPage, { limit: 1000, onPageDone, startPage: 2 })) {
      log.push(`process ${page.page}`);
    }
    expect(log).toEqual(['process 2', 'done 2', 'process 3', 'done 3']);
  });

  it('stops on a short page when Cin7 leaves Total out', async () => {
    const s = source(250, { reportTotal: false });
    const pages = await collect(paginate(s.fetchPage, { limit: 100 }));
    expect(s.calls).toEqual([1, 2, 3]);
    expect(pages.flatMap((p) => p.items)).toHaveLength(250);
  });

  it('yields one empty page for an empty list', async () => {
    const s = source(0);
    const pages = await collect(paginate(s.fetchPage, { limit: 1000 }));
    expect(s.calls).toEqual([1]);
    expect(pages).toEqual([{ total: 0, page: 1, limit: 1000, items: [] }]);
  });

  it('clamps Limit to Cin7 maximum of 1000', async () => {
    const s = source(1500);
    const pages = await collect(paginate(s.fetchPage, { limit: 5000 }));
    expect(pages.map((p) => p.limit)).toEqual([1000, 1000]);
  });
});
