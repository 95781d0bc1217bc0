/** Reading CSV by hand: quotes, line breaks inside quotes, and each row's starting line. */
import { parseCsv } from '../../server/services/badges/csv';

it('reads plain and quoted fields, doubled quotes and commas inside quotes', () => {
  expect(parseCsv('a,b,c\n1,"two, too","say ""hi"""\n')).toEqual([
    { line: 1, fields: ['a', 'b', 'c'] },
    { line: 2, fields: ['1', 'two, too', 'say "hi"'] },
  ]);
});

it('keeps line breaks inside quotes and numbers rows by the line they start on', () => {
  const rows = parseCsv('h1,h2\r\n"multi\r\nline",x\r\n\r\nlast,""\r\n');
  expect(rows.map((row) => [row.line, row.fields])).toEqual([
    [1, ['h1', 'h2']],
    [2, ['multi\r\nline', 'x']],
    [5, ['last', '']],
  ]);
});

it('skips a byte order mark and blank lines; keeps empty fields', () => {
  expect(parseCsv('\ufeffa,b\n\n,\n')).toEqual([{ line: 1, fields: ['a', 'b'] }, { line: 3, fields: ['', ''] }]);
  expect(parseCsv('only')).toEqual([{ line: 1, fields: ['only'] }]);
});

it('reports a malformed row with its line and goes on with the next one', () => {
  const rows = parseCsv('a,b\n"x"y,z\nok,1\nbad"quote,2\n"never closed,3\nmore\n');
  expect(rows[1]).toMatchObject({ line: 2, error: 'unexpected text after a closing quote' });
  expect(rows[2]).toEqual({ line: 3, fields: ['ok', '1'] });
  expect(rows[3]).toMatchObject({ line: 4, error: 'a quote inside an unquoted field (quote the whole field)' });
  expect(rows[4]).toMatchObject({ line: 5, error: 'a quoted field is never closed' });
  expect(rows).toHaveLength(5);
});

it('after a bad row that spans lines, goes on with the line after it, counting blank lines', () => {
  const rows = parseCsv('h\r\n\r\n"two\r\nlines"x,1\r\nok,2\r\n');
  expect(rows.map((row) => [row.line, row.error ?? row.fields])).toEqual([
    [1, ['h']],
    [3, 'unexpected text after a closing quote'],
    [5, ['ok', '2']],
  ]);
});
