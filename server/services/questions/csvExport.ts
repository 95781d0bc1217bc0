/** The dashboard's CSV export: one line per question with its times (RFC 4180, formula-safe cells). */
import type { ExportRow } from './dashboard';

/** Quotes a cell; a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = ['post_id', 'board', 'thread', 'post_number', 'asked_by', 'asked_at', 'state', 'answered_at', 'wait_seconds', 'answered_by', 'answer_post_number'];

export function questionsCsv(rows: ExportRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const row of rows) {
    lines.push([
      row.postId, row.board, row.thread, row.postNumber, row.asker, row.askedAt.toISOString(), row.state,
      row.answeredAt ? row.answeredAt.toISOString() : null, row.waitSeconds, row.answeredBy, row.answerPostNumber,
    ].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
