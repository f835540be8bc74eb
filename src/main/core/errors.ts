import type { ErrorCode } from '@shared/api';

/** An error core means to show the seller: its message and hint are safe to display. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
