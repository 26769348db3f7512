/** Shown where Upstock cut a text to fit a Cin7 limit, so nobody mistakes the cut text for the whole. */
export const CUT_MARKER = ' […cut: see the Upstock order]';

/** The text, cut with a visible marker when longer than `max` characters. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - CUT_MARKER.length)).trimEnd()}${CUT_MARKER}`;
}

/**
 * `head` and `tail` on separate lines within `max` characters: the tail (e.g. the delivery date) is always kept
 * whole; the head is cut with the marker when both do not fit.
 */
export function fitWithTail(head: string | null, tail: string | null, max: number): string {
  if (!tail) return head ? fitText(head, max) : '';
  if (!head) return fitText(tail, max);
  return `${fitText(head, Math.max(0, max - tail.length - 1))}\n${tail}`;
}
