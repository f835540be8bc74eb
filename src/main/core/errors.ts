import type { ErrorCode } from '@shared/api';

/** An error core means to show the seller: its message and hint are safe to display. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    /** The settings or form fields the message is about, so the UI shows it beside them. */
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
