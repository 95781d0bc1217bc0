/**
 * Reading CSV (RFC 4180) with csv-parse: quoted fields, "" inside quotes, line breaks inside
 * quotes, CRLF or LF. What this file adds is recovery: each row keeps the line it starts on (from
 * byte offsets, since csv-parse's own line counter counts CRLF inside quotes twice), and a
 * malformed row is reported with its line while reading goes on with the next line, because
 * csv-parse's skip_records_with_error loses its place after a bad quote and drops good rows.
 */
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  fields: string[];
  /** Why the row could not be read; fields are then incomplete. */
  error?: string;
}

/** csv-parse's error codes, in the words the import report uses. */
const REASONS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'unexpected text after a closing quote',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the whole field)',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
};

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Counts lines as offsets advance through the input, so numbering stays linear in its size. */
function lineCounter(input: Buffer) {
  let offset = 0;
  let line = 1;
  return (to: number): number => {
    for (; offset < to; offset += 1) if (input[offset] === NEWLINE) line += 1;
    return line;
  };
}

function skipBlankLines(input: Buffer, from: number): number {
  let at = from;
  while (at < input.length && (input[at] === NEWLINE || input[at] === CARRIAGE_RETURN)) at += 1;
  return at;
}

export function parseCsv(text: string): CsvRow[] {
  const input = Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');
  const lineAt = lineCounter(input);
  const rows: CsvRow[] = [];
  let offset = 0;
  while (offset < input.length) {
    const base = offset;
    // Bytes of input read by complete records in this pass.
    let consumed = 0;
    try {
      parse(input.subarray(base), {
        relax_column_count: true,
        skip_empty_lines: true,
        record_delimiter: ['\r\n', '\n'],
        raw: true,
        // With raw: true a record arrives as { record, raw }, which csv-parse's types do not say.
        on_record: (record, context) => {
          // Only blank lines (skipped) lie between one record's end and the next one's start.
          const start = skipBlankLines(input, base + consumed);
          rows.push({ line: lineAt(start), fields: (record as unknown as { record: string[] }).record });
          consumed = context.bytes;
          return null;
        },
      });
      return rows;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const start = skipBlankLines(input, base + consumed);
      rows.push({ line: lineAt(start), fields: [], error: REASONS[error.code] ?? error.message });
      // Go on after the line on which the parser gave up on this row.
      const raw = typeof error.raw === 'string' ? error.raw : '';
      const failedAt = Math.max(start + Buffer.byteLength(raw), start + 1);
      const nextLine = input.indexOf(NEWLINE, failedAt - 1);
      offset = nextLine < 0 ? input.length : nextLine + 1;
    }
  }
  return rows;
}
