import { crc32, deflateSync } from 'node:zlib';
import type { AttachmentRecord } from './store.types.js';

/**
 * Attachments are generated on request so the repository holds no binaries: a small solid-colour PNG per
 * product image (hue from the product, so pictures differ), and a short text file for non-image attachments.
 */
const cache = new Map<number, Buffer>();

export function renderAttachment(
  a: AttachmentRecord,
  productName: string,
): { contentType: string; body: Buffer } {
  if (a.ContentType === 'text/plain') {
    return {
      contentType: 'text/plain; charset=utf-8',
      body: Buffer.from(`Care instructions for ${productName}.\n`),
    };
  }
  if (a.ContentType === 'image/svg+xml') {
    const [r, g, b] = hueToRgb(a.hue);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="rgb(${r},${g},${b})"/></svg>`;
    return { contentType: 'image/svg+xml', body: Buffer.from(svg) };
  }
  let png = cache.get(a.hue);
  if (!png) {
    png = solidPng(32, 32, hueToRgb(a.hue));
    cache.set(a.hue, png);
  }
  return { contentType: 'image/png', body: png };
}

function hueToRgb(hue: number): [number, number, number] {
  const h = (((hue % 360) + 360) % 360) / 60;
  const x = Math.round(200 * (1 - Math.abs((h % 2) - 1))) + 40;
  const hi = 240;
  const lo = 40;
  const table: [number, number, number][] = [
    [hi, x, lo],
    [x, hi, lo],
    [lo, hi, x],
    [lo, x, hi],
    [x, lo, hi],
    [hi, lo, x],
  ];
  return table[Math.floor(h) % 6] ?? [hi, lo, lo];
}

function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed), 0);
  return Buffer.concat([length, typed, crc]);
}
