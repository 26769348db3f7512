import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ApiError } from '@upstock/cin7-contracts';
import {
  Cin7AuthError,
  Cin7ConnectionError,
  Cin7Error,
  Cin7NotFoundError,
  Cin7ThrottledError,
  Cin7TimeoutError,
  Cin7ValidationError,
} from '@upstock/cin7-core';
import { CallBudgetBusyError } from '../work/call-budget.js';

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/** The one place where errors become what a supplier reads. Cin7 errors keep Cin7's words; nothing leaks secrets. */
@Catch()
export class Cin7CoreExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Cin7Core');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toApiError(exception);
    if (body.statusCode >= 500 && !(exception instanceof Cin7Error)) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    host.switchToHttp().getResponse<JsonResponse>().status(body.statusCode).json(body);
  }
}

export function toApiError(exception: unknown): ApiError {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const status = exception.getStatus();
    if (typeof response === 'object' && response !== null && 'message' in response) {
      const r = response as Partial<ApiError> & { message: unknown };
      return {
        statusCode: status,
        error: r.error ?? exception.name,
        message: Array.isArray(r.message) ? r.message.join('; ') : String(r.message),
        ...(r.field ? { field: r.field } : {}),
        ...(r.details ? { details: r.details } : {}),
      };
    }
    return { statusCode: status, error: exception.name, message: String(response) };
  }
  if (exception instanceof Cin7AuthError) {
    return {
      statusCode: 400,
      error: 'Cin7 Rejected Credentials',
      message: 'Cin7 rejected the Account ID or API key.',
    };
  }
  if (exception instanceof Cin7ValidationError) {
    return {
      statusCode: 422,
      error: 'Cin7 Validation Error',
      message: `Cin7 said: ${exception.cin7Message}`,
    };
  }
  if (exception instanceof Cin7NotFoundError) {
    return {
      statusCode: 404,
      error: 'Not Found',
      message: `Cin7 could not find it: ${exception.cin7Message}`,
    };
  }
  if (exception instanceof CallBudgetBusyError) {
    return { statusCode: 503, error: 'Cin7 Busy', message: exception.message };
  }
  if (exception instanceof Cin7ThrottledError) {
    return {
      statusCode: 503,
      error: 'Cin7 Busy',
      message: 'Cin7 is limiting calls right now (60 a minute). Try again in a minute.',
    };
  }
  if (exception instanceof Cin7TimeoutError || exception instanceof Cin7ConnectionError) {
    return {
      statusCode: 502,
      error: 'Cin7 Unreachable',
      message: `Could not reach Cin7: ${exception.message}`,
    };
  }
  if (exception instanceof Cin7Error) {
    return {
      statusCode: 502,
      error: 'Cin7 Error',
      message: `Cin7 answered with an error: ${exception.cin7Message}`,
    };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.' };
}
