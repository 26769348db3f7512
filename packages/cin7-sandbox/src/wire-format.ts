/**
 * Cin7's wire conventions (reference §2.5): timestamps are UTC with a Z and a trimmed `.fff` fraction
 * (`2021-11-11T13:27:28.16Z`), date-only values are midnight with no Z, money and quantities have 4 dp.
 */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2025-01-02T03:04:05.670Z
  const [whole, fraction = '000Z'] = iso.split('.');
  const digits = fraction.replace('Z', '').replace(/0+$/, '');
  return digits ? `${whole}.${digits}Z` : `${whole}Z`;
}

export function formatDateOnly(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00`;
}

/** `dd/MM/yyyy`, the tenant date format Cin7 uses inside webhook payloads (reference §6). */
export function formatTenantDate(ms: number): string {
  const d = new Date(ms);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}

/** Parses a Cin7 date parameter: ISO 8601 with 0-7 fraction digits, with or without Z (no Z = UTC). */
export function parseCin7Date(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const hasZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(trimmed);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const normalised = dateOnly ? `${trimmed}T00:00:00Z` : hasZone ? trimmed : `${trimmed}Z`;
  const ms = Date.parse(normalised.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** Half up like .NET `decimal` (0.135 → 0.14), not like binary floating point (0.13499999…). */
function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(Number((value * scale).toPrecision(12))) / scale;
}

export function round4(value: number): number {
  return roundTo(value, 4);
}

export function round2(value: number): number {
  return roundTo(value, 2);
}
