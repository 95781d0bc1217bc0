/** Turns a zod failure into messages keyed by form field, for showing beside each field. */
import type { ZodError, ZodTypeAny, z } from 'zod';
import { ValidationError } from '../errors';

export function fieldErrors(error: ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** Parses a form body or throws ValidationError with a message per field. */
export function parseForm<S extends ZodTypeAny>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  return result.data;
}

/** The submitted values to show again in a rejected form; passwords are never sent back. */
export function refillableValues(body: unknown, fields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  for (const field of fields) {
    const value = source[field];
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}
