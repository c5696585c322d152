/**
 * The errors a use-case may throw. Each code maps to one HTTP status in one table; the API
 * turns them into RFC 9457 problem documents.
 */
export const errorStatus = {
  /** The input breaks a rule that the schema could not check alone (e.g. dates). */
  invalid: 400,
  /** The caller must sign in first. */
  unauthenticated: 401,
  /** Signed in, but the role is missing. */
  forbidden: 403,
  /** Unknown, or hidden from this caller (drafts for non-staff). */
  not_found: 404,
  /** The current state does not allow it: duplicate, full, closed, wrong status. */
  conflict: 409,
  /** Too many requests from one caller. */
  rate_limited: 429,
} as const;
export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  constructor(code: ErrorCode, message: string, errors?: FieldError[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.errors = errors;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') =>
  new AppError('forbidden', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const invalid = (errors: FieldError[]) =>
  new AppError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

/** PostgreSQL's unique_violation, as both drivers report it. */
export const isUniqueViolation = (err: unknown, constraint?: string) =>
  hasPgCode(err, '23505', constraint);
/** PostgreSQL's foreign_key_violation: something still refers to the row. */
export const isForeignKeyViolation = (err: unknown) => hasPgCode(err, '23503');

function hasPgCode(err: unknown, code: string, constraint?: string): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const rec = e as {
      code?: string;
      constraint_name?: string;
      constraint?: string;
      cause?: unknown;
    };
    if (rec.code === code)
      return !constraint || rec.constraint_name === constraint || rec.constraint === constraint;
    e = rec.cause;
  }
  return false;
}
