/**
 * A staff action whose form was rejected comes back as a page of its own: the same fields, the
 * values typed, and a message beside each wrong one (the inline forms live on the thread page).
 */
import type { Response } from 'express';

export interface StaffField {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'date' | 'number' | 'select';
  value: string;
  hint?: string;
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
}

export interface StaffFormPage {
  title: string;
  action: string;
  submitLabel: string;
  backUrl: string;
  fields: StaffField[];
  errors: Record<string, string>;
}

export function renderStaffForm(res: Response, status: number, page: StaffFormPage): void {
  res.status(status).render('staff/form', page);
}

/** The text a form sent for a field, for showing it again. */
export function sent(body: unknown, field: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value : '';
}
