/**
 * A small RFC 4180 CSV reader: comma-separated fields, double-quoted when they hold commas, quotes
 * or line breaks ("" is a quote inside quotes), CRLF or LF line ends. Each row keeps the line it
 * starts on, so a rejected row can be named; a malformed row is reported and the next line read.
 */

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  fields: string[];
  /** Why the row could not be read; fields are then incomplete. */
  error?: string;
}

export function parseCsv(text: string): CsvRow[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;

  while (i < input.length) {
    const row: CsvRow = { line, fields: [] };
    let field = '';
    let quoted = false;
    let fieldStart = true;
    let ended = false;

    while (i < input.length && !ended) {
      const char = input[i];
      if (quoted) {
        if (char === '"' && input[i + 1] === '"') { field += '"'; i += 2; continue; }
        if (char === '"') {
          quoted = false;
          i += 1;
          const next = input[i];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') row.error ??= 'unexpected text after a closing quote';
          continue;
        }
        if (char === '\n') line += 1;
        field += char;
        i += 1;
        continue;
      }
      if (char === '"' && fieldStart) { quoted = true; fieldStart = false; i += 1; continue; }
      if (char === '"') row.error ??= 'a quote inside an unquoted field (quote the whole field)';
      if (char === ',') { row.fields.push(field); field = ''; fieldStart = true; i += 1; continue; }
      if (char === '\r' || char === '\n') {
        i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
        line += 1;
        ended = true;
        continue;
      }
      field += char;
      fieldStart = false;
      i += 1;
    }
    if (quoted) row.error ??= 'a quoted field is never closed';
    row.fields.push(field);
    // Blank lines carry no row.
    if (row.error || row.fields.length > 1 || row.fields[0].trim() !== '') rows.push(row);
  }
  return rows;
}
