import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on a narrow screen (360 px). A scrollable box must be reachable by keyboard
 * (WCAG 2.1.1, axe `scrollable-region-focusable`), so it is a named, focusable region.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus so keyboards can scroll it
    <section className="c7-table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
