import { z } from 'zod';

// Building blocks for parsing Cin7 at the edge, tolerant of the documented quirks (reference sec. 2.5 and 8):
// GUIDs in either case, timestamps with 0-7 fractional digits with or without Z (no Z = UTC), date-only values
// as midnight without Z, numbers and booleans sent as strings, fields left out or null.

/** A GUID, lowercased: API answers use lowercase, webhooks uppercase; compare case-insensitively. */
export const guid = z.string().transform((s) => s.trim().toLowerCase());

const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses a Cin7 timestamp to epoch ms, or null when it is not one. A value without offset is UTC. */
export function parseCin7Timestamp(value: string): number | null {
  const m = TIMESTAMP_RE.exec(value.trim());
  if (m === null) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  let epoch = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    epoch -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return Number.isNaN(epoch) ? null : epoch;
}

/** A timestamp (`LastModifiedOn`, `Updated`...) as a Date. */
export const timestamp = z.union([z.string(), z.date()]).transform((value, ctx) => {
  if (value instanceof Date) return value;
  const epoch = parseCin7Timestamp(value);
  if (epoch === null) {
    ctx.addIssue({ code: 'custom', message: 'not a Cin7 timestamp' });
    return z.NEVER;
  }
  return new Date(epoch);
});

const DMY_RE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/**
 * A date-only value (`SaleOrderDate`, `ShipBy`...) as `'YYYY-MM-DD'`. Cin7 sends midnight without Z
 * (`2017-09-29T00:00:00`); webhooks use the tenant format (`29/01/2018`), read as dd/MM/yyyy.
 */
export const dateOnly = z.string().transform((value, ctx) => {
  const trimmed = value.trim();
  const dmy = DMY_RE.exec(trimmed);
  if (dmy !== null) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed) && parseCin7Timestamp(trimmed) !== null) return trimmed.slice(0, 10);
  ctx.addIssue({ code: 'custom', message: 'not a Cin7 date' });
  return z.NEVER;
});

/** A number, also accepted as a numeric string (`"10.0000000000"`). */
export const num = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (typeof value === 'string' && value.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'empty number' });
    return z.NEVER;
  }
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: 'not a number' });
    return z.NEVER;
  }
  return n;
});

/** A boolean, also accepted as `"true"`/`"false"` in any case (attachment `IsDefault`, request examples). */
export const bool = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'boolean') return value;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  ctx.addIssue({ code: 'custom', message: 'not a boolean' });
  return z.NEVER;
});

/** Cin7 leaves fields out or sends null: both become null, so callers only check one thing. */
export function opt<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v): z.output<T> | null => v ?? null);
}

/** A list that may be absent or null (arrays only present with an `Include*` flag): becomes []. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v): z.output<T>[] => v ?? []);
}

/** Free text that Cin7 may send as null, a number (`TaxNumber`) or leave out. */
export const text = opt(z.union([z.string(), z.number()]).transform((v) => String(v)));

/** Like `opt`, and an empty string also means "no value" (a blank date, GUID or number). */
export function optBlank<T extends z.ZodType>(schema: T) {
  return z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullish())
    .transform((v): z.output<T> | null => v ?? null);
}

// Absent stays null rather than 0 or false: guessing a default would hide a missing field.
export const optNum = optBlank(num);
export const optBool = optBlank(bool);
export const optGuid = optBlank(guid);
export const optTimestamp = optBlank(timestamp);
export const optDate = optBlank(dateOnly);
