import type { ImportResult } from '@upstock/cin7-contracts';
import type { SkippedItem } from '../../work/sync-run.entity.js';

/** Counts of one import, carried in the run's checkpoint so a resumed run keeps counting where it stopped. */
export interface ImportTally {
  seen: number;
  created: number;
  updated: number;
  linkedExisting: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  blocked: number;
  blockedReason: string | null;
  severalShippingAddresses: number;
}

export function emptyTally(): ImportTally {
  return {
    seen: 0,
    created: 0,
    updated: 0,
    linkedExisting: 0,
    skipped: 0,
    skippedByReason: {},
    blocked: 0,
    blockedReason: null,
    severalShippingAddresses: 0,
  };
}

/** What one page did: added to the tally, and the skip reasons shown in the job. */
export interface PageOutcome {
  created: number;
  updated: number;
  linkedExisting: number;
  skipped: SkippedItem[];
  blocked: number;
  blockedReason: string | null;
  /** Customers with several shipping addresses in Cin7 (the default one is used until the supplier chooses). */
  severalShippingAddresses: number;
}

export function addPage(tally: ImportTally, seen: number, page: PageOutcome): ImportTally {
  const skippedByReason = { ...tally.skippedByReason };
  for (const s of page.skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
  return {
    seen: tally.seen + seen,
    created: tally.created + page.created,
    updated: tally.updated + page.updated,
    linkedExisting: tally.linkedExisting + page.linkedExisting,
    skipped: tally.skipped + page.skipped.length,
    skippedByReason,
    blocked: tally.blocked + page.blocked,
    blockedReason: page.blockedReason ?? tally.blockedReason,
    severalShippingAddresses: tally.severalShippingAddresses + page.severalShippingAddresses,
  };
}

export function toImportResult(kind: 'customers' | 'products', t: ImportTally): ImportResult {
  const parts = [`${t.created} created`, `${t.updated + t.linkedExisting} updated`];
  if (t.linkedExisting > 0) {
    const same = kind === 'products' ? 'SKU' : 'name';
    parts.push(`${t.linkedExisting} of them linked to existing Upstock ${kind} with the same ${same}`);
  }
  parts.push(`${t.skipped} skipped`);
  let summary = `Imported ${kind} from Cin7: ${parts.join(', ')}.`;
  if (t.blocked > 0) {
    summary += ` ${t.blocked} customer${t.blocked === 1 ? '' : 's'} use another currency than your Cin7 base currency: they were imported, but their orders cannot be sent to Cin7.`;
  }
  if (t.severalShippingAddresses > 0) {
    summary += ` ${t.severalShippingAddresses} customer${t.severalShippingAddresses === 1 ? ' has' : 's have'} several shipping addresses in Cin7: the default one is used on their orders until you choose another.`;
  }
  return {
    kind,
    seen: t.seen,
    created: t.created,
    updated: t.updated,
    linkedExisting: t.linkedExisting,
    skipped: t.skipped,
    skippedByReason: t.skippedByReason,
    blocked: t.blocked,
    blockedReason: t.blocked > 0 ? t.blockedReason : null,
    severalShippingAddresses: t.severalShippingAddresses,
    summary,
  };
}

/** Reads a tally back from a checkpoint; anything unexpected starts from zero rather than failing the run. */
export function tallyFromCheckpoint(value: unknown): ImportTally {
  if (!value || typeof value !== 'object') return emptyTally();
  return { ...emptyTally(), ...(value as Partial<ImportTally>) };
}
