/** The 404 handler and the one error handler: typed errors become readable pages, never stack traces. */
import type { NextFunction, Request, Response } from 'express';
import { HttpError, NotFoundError } from '../errors';

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError());
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Conflict',
  413: 'Too large',
  422: 'Please check your input',
  429: 'Too many requests',
  500: 'Something went wrong',
};

/** Errors thrown by body parsers and friends carry a status of their own. */
function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

export function errorHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status = statusOf(error);
  if (status >= 500) console.error(`${req.method} ${req.originalUrl}`, error);
  const message =
    error instanceof HttpError
      ? error.publicMessage
      : status >= 500
        ? 'The forum hit an unexpected problem. Please try again in a moment.'
        : TITLES[status] ?? 'That request could not be handled.';
  res.status(status);
  if (res.locals.wantsJson === true) {
    res.json({ error: { status, message } });
    return;
  }
  res.render('errors/error', { title: TITLES[status] ?? 'Error', status, heading: TITLES[status] ?? 'Error', message }, (renderError, html) => {
    if (renderError) {
      // The error page itself failed: answer in plain text rather than fail again.
      res.type('text/plain').send(`${status} ${TITLES[status] ?? 'Error'}`);
      return;
    }
    res.send(html);
  });
}
