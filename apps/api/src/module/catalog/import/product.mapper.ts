import type { Cin7Product, Cin7ProductAttachment } from '@upstock/cin7-core';
import type { ProductUpsert } from '../../ports/index.js';

export const SKIP_DEPRECATED = 'Deprecated in Cin7';
export const SKIP_SERVICE = 'Service product (only stock products are imported)';
export const SKIP_NO_SKU = 'No SKU in Cin7';

/** Why a Cin7 product is not imported, or null when it is: only active stock products become Upstock products. */
export function productSkipReason(p: Cin7Product): string | null {
  if (p.Status === 'Deprecated') return SKIP_DEPRECATED;
  if (p.Type === 'Service') return SKIP_SERVICE;
  if (p.Status !== null && p.Status !== 'Active') return `Not active in Cin7 (status "${p.Status}")`;
  if (p.SKU.trim() === '') return SKIP_NO_SKU;
  return null;
}

export function toProductUpsert(p: Cin7Product, id: string | undefined): ProductUpsert {
  return {
    ...(id ? { id } : {}),
    sku: p.SKU.trim(),
    name: p.Name,
    notes: sanitiseDescription(p.Description) ?? sanitiseDescription(p.ShortDescription),
    imageUrls: imageUrls(p.Attachments),
    // Cin7 has no base price: Tier 1 is used (help article, "Common questions").
    basePrice: p.PriceTier1 ?? 0,
  };
}

/** Image attachments only (care sheets and other files are not images), the default product image first. */
export function imageUrls(attachments: readonly Cin7ProductAttachment[]): string[] {
  const images = attachments.filter((a) => a.DownloadUrl && isImage(a));
  const ordered = [
    ...images.filter((a) => a.IsDefault === true),
    ...images.filter((a) => a.IsDefault !== true),
  ];
  return ordered.map((a) => a.DownloadUrl as string);
}

function isImage(a: Cin7ProductAttachment): boolean {
  if (a.ContentType) return a.ContentType.toLowerCase().startsWith('image/');
  return /\.(png|jpe?g|gif|webp|bmp|svg)$/i.test(a.FileName ?? '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Cin7 descriptions are HTML written in Cin7's editor; buyers see notes as plain text. Block ends and <br> become
 * line breaks, every tag (scripts and styles with their content) is dropped, entities are decoded, blank runs
 * collapsed. Null when nothing is left.
 */
export function sanitiseDescription(html: string | null): string | null {
  if (!html) return null;
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|ul|ol|table)\s*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => decodeEntity(code) ?? whole)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text === '' ? null : text;
}

function decodeEntity(code: string): string | null {
  if (code.startsWith('#x') || code.startsWith('#X'))
    return safeCodePoint(Number.parseInt(code.slice(2), 16));
  if (code.startsWith('#')) return safeCodePoint(Number.parseInt(code.slice(1), 10));
  return ENTITIES[code.toLowerCase()] ?? null;
}

function safeCodePoint(n: number): string {
  // Control characters and invalid code points are dropped rather than shown.
  if (!Number.isFinite(n) || n < 32 || n > 0x10ffff) return '';
  return String.fromCodePoint(n);
}
