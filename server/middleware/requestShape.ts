/**
 * Requests the forum cannot read get a clear 4xx before anything acts on them: an address or a
 * form that is not valid UTF-8 (a decoder would quietly turn it into U+FFFD) or that holds NUL
 * (PostgreSQL cannot store it, so it would be saved as the two characters "\0"), and HTTP methods
 * that no route uses (they would otherwise meet the CSRF check and read as an expired form).
 */
import type { NextFunction, Request, Response } from 'express';
import { BadRequestError, MethodNotAllowedError } from '../errors';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

export function knownMethodsOnly(req: Request, res: Response, next: NextFunction): void {
  if (METHODS.has(req.method)) {
    next();
    return;
  }
  res.setHeader('Allow', 'GET, HEAD, POST');
  next(new MethodNotAllowedError());
}

/** A percent-encoded component that decodes to UTF-8 text without NUL. */
function decodesToText(component: string): boolean {
  if (!component.includes('%')) return true;
  try {
    return !decodeURIComponent(component).includes('\u0000');
  } catch {
    return false;
  }
}

/** Whether every part of a form or query string ("a=b&c=d", "+" for space) decodes to text. */
export function isReadableFormString(text: string): boolean {
  return text.split('&').every((pair) => pair.split('=').every((part) => decodesToText(part.replace(/\+/g, ' '))));
}

/** Whether a request URL's path and query decode to UTF-8 text without NUL. */
export function isReadableUrl(url: string): boolean {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return decodesToText(url);
  return decodesToText(url.slice(0, queryStart)) && isReadableFormString(url.slice(queryStart + 1));
}

export function readableUrlsOnly(req: Request, _res: Response, next: NextFunction): void {
  next(isReadableUrl(req.url) ? undefined : new BadRequestError('This address contains characters that are not valid text (UTF-8).'));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The urlencoded parser's verify hook: sees the raw body before it is decoded, and refuses raw
 * bytes or percent-escapes that are not UTF-8 text, and NUL in any charset.
 */
export function verifyFormBody(_req: Request, _res: Response, body: Buffer, encoding: string): void {
  const refused = new BadRequestError('The form contains characters that are not valid text (UTF-8). Nothing was saved.');
  if (encoding.toLowerCase() !== 'utf-8') {
    if (body.includes(0) || /%00/.test(body.toString('latin1'))) throw refused;
    return;
  }
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    throw refused;
  }
  if (text.includes('\u0000') || !isReadableFormString(text)) throw refused;
}
