const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in routes and Cin7 payloads are checked before they reach a uuid column (a malformed one is simply unknown). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
