import { ConflictException } from '@nestjs/common';

/** What a supplier reads when a catalog route needs Cin7 and no account is connected. */
export function notConnected(action: string): ConflictException {
  return new ConflictException({
    message: `Connect a Cin7 account before ${action}.`,
    error: 'Not Connected',
  });
}
