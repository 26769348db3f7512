/**
 * Masks the credentials wherever they could leak into text we log or throw (an echoed header, a URL in a
 * message). GUIDs are compared case-insensitively because Cin7 mixes cases.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const patterns = secrets
    .map((s) => s.trim())
    .filter((s) => s.length >= 4)
    .map((s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'));
  return (text) => patterns.reduce((acc, re) => acc.replace(re, '[redacted]'), text);
}

/** Query keys whose values may carry personal data (names, emails, free text); logged as `…`. */
const PERSONAL_QUERY_KEYS = new Set(['name', 'contactfilter', 'search', 'email']);

/** `endpoint?Key=value&...` for logs and errors, with personal values masked. */
export function describePath(endpoint: string, query: URLSearchParams): string {
  const parts: string[] = [];
  for (const [key, value] of query) {
    parts.push(`${key}=${PERSONAL_QUERY_KEYS.has(key.toLowerCase()) ? '…' : value}`);
  }
  return parts.length === 0 ? endpoint : `${endpoint}?${parts.join('&')}`;
}
