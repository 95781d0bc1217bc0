/** The 404 handler and the one error handler: typed errors become readable pages, never stack traces. */
import type { NextFunction, Request, Response } from 'express';
import { HttpError, NotFoundError, SubmissionRefusedError } from '../errors';
import { renderDraftRescue } from '../controllers/drafts';
import { wantsJson } from './json';
import { ANONYMOUS } from '../policies';

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError());
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  403: 'Not allowed',
  404: 'Page not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported encoding',
  422: 'Please check your input',
  429: 'Too many requests',
  500: 'Something went wrong',
};

/** What the body parser's refusals mean to the person who sent the form (by its error type). */
const PARSER_MESSAGES: Record<string, string> = {
  'entity.too.large': 'The form you sent is larger than the forum accepts (posts can be at most 20,000 characters). Nothing was saved.',
  'parameters.too.many': 'The form you sent has more fields than any form here. Nothing was saved.',
  'charset.unsupported': 'The form was sent in a character encoding the forum does not read; send it as UTF-8.',
  'encoding.unsupported': 'The form was sent compressed in a way the forum does not read.',
  'request.aborted': 'The form did not arrive completely. Please send it again.',
  'request.size.invalid': 'The form did not arrive completely. Please send it again.',
};

function parserMessage(error: unknown): string | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? PARSER_MESSAGES[type] : undefined;
}

/** Errors thrown by body parsers and friends carry a status of their own. */
function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** The request's log line (server/observability/requestLog.ts) carries the error and its stack, once. */
function attachToLogLine(res: Response, error: unknown): void {
  (res as Response & { err?: Error }).err = error instanceof Error ? error : new Error(String(error));
}

export function errorHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    attachToLogLine(res, error);
    next(error);
    return;
  }
  const status = statusOf(error);
  if (status >= 500) attachToLogLine(res, error);
  const message =
    error instanceof HttpError
      ? error.publicMessage
      : status >= 500
        ? 'The forum hit an unexpected problem. Please try again in a moment.'
        : parserMessage(error) ?? TITLES[status] ?? 'That request could not be handled.';
  res.status(status);
  // An error from the body parser or the request checks comes before the session and actor are
  // loaded; the page layout then shows the visitor's header rather than failing to render.
  res.locals.actor ??= ANONYMOUS;
  res.locals.unreadCount ??= 0;
  res.locals.currentPath ??= '/';
  if (wantsJson(res)) {
    res.json({ error: { status, message } });
    return;
  }
  // A refused composer keeps the member's text (the README's "nothing a member wrote is lost").
  if (error instanceof SubmissionRefusedError && renderDraftRescue(req, res, status, message)) return;
  res.render('errors/error', { title: TITLES[status] ?? 'Error', status, heading: TITLES[status] ?? 'Error', message }, (renderError, html) => {
    if (renderError) {
      // The error page itself failed: answer in plain text rather than fail again.
      res.type('text/plain').send(`${status} ${TITLES[status] ?? 'Error'}`);
      return;
    }
    res.send(html);
  });
}
