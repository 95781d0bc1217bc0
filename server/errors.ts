/** Typed errors that carry their HTTP status; one error handler (server/middleware/errors.ts) renders them. */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Shown to the user; never includes internals. */
    readonly publicMessage: string = message,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(message = 'That request could not be understood.') {
    super(400, message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'We could not find that page.') {
    super(404, message);
  }
}

/** A page for signed-in members asked for by a program (JSON): 401 instead of a sign-in redirect. */
export class UnauthorizedError extends HttpError {
  constructor(message = 'Sign in first.') {
    super(401, message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = 'You do not have permission to do that.') {
    super(403, message);
  }
}

/**
 * A form refused before its controller saw it (expired CSRF token, signed out): the error handler
 * shows a composer's text again (server/controllers/drafts.ts) instead of a bare message.
 */
export class SubmissionRefusedError extends ForbiddenError {}

export class MethodNotAllowedError extends HttpError {
  constructor(message = 'This address does not take that kind of request.') {
    super(405, message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, message);
  }
}

/** Field-level validation failures: the form is shown again with these messages beside the fields. */
export class ValidationError extends HttpError {
  constructor(readonly fieldErrors: Record<string, string>, message = 'Please correct the highlighted fields.') {
    super(422, message);
  }
}

/** A rate limit: the answer carries Retry-After. */
export class TooManyRequestsError extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, message);
  }
}
