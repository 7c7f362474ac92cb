/**
 * Every failure the API reports is an AppError: a stable code, an HTTP status, a human message and
 * optional extra body keys. The global error handler renders `{error: true, message, ...extra}` —
 * `message` is what Gazu reads, `error: true` what the Kitsu web app checks.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;
  /** When set, the response body is exactly this object (Zou routes with their own error shapes). */
  readonly body: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { extra?: Record<string, unknown>; body?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.extra = options.extra ?? {};
    this.body = options.body;
    this.headers = options.headers ?? {};
  }

  toBody(): Record<string, unknown> {
    return this.body ?? { error: true, message: this.message, ...this.extra };
  }
}
