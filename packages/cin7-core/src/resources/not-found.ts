import { Cin7NotFoundError, Cin7ValidationError } from '../errors/cin7-error.js';

// Cin7 does not document how an unknown ID is answered on GET (400 or 404, reference sec. 10): both read as
// "no such record" when the message says so.
const NOT_FOUND_TEXT = /not\s*found|does not exist|doesn't exist|cannot find|can't find|no .* with/i;

export async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof Cin7NotFoundError) return null;
    if (err instanceof Cin7ValidationError && NOT_FOUND_TEXT.test(err.cin7Message)) return null;
    throw err;
  }
}
