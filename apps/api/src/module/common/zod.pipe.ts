import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** Validates a query with a contracts schema; the first problem is named with its field. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  /** Public: the OpenAPI document describes the query with it. */
  constructor(readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseOrThrow(this.schema, value ?? {});
  }
}

/** Parses with a contracts schema, or a 400 naming the first field at fault. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const message = issue?.message ?? 'Invalid input';
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: field && !message.toLowerCase().includes(field.toLowerCase()) ? `${field}: ${message}` : message,
    field,
  });
}
