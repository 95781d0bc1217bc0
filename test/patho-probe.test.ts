import { renderMarkdown } from '../server/markdown';
const cases: Record<string, string> = {
  quotes5000: '>'.repeat(5000) + ' deep',
  quotesLines: Array.from({ length: 3000 }, (_, i) => '>'.repeat(i % 20 + 1) + ' x').join('\n'),
  lists300: Array.from({ length: 300 }, (_, i) => '  '.repeat(i) + '- item').join('\n'),
  lists300b: Array.from({ length: 300 }, (_, i) => '- '.repeat(i + 1) + 'item').join('\n').slice(0, 20000),
  ordered: Array.from({ length: 300 }, (_, i) => '   '.repeat(i) + '1. item').join('\n').slice(0,20000),
  listsOneLine: '- '.repeat(9000) + 'x',
  ol1line: '1. '.repeat(6000) + 'x',
  emph: '*a'.repeat(9999),
  emph2: '**_'.repeat(6666),
  emph3: '_a'.repeat(9999),
  emph4: '*'.repeat(19999) + 'a',
  emph5: 'a' + '**'.repeat(9999),
  emph6: '*a**'.repeat(4999),
  under: '_'.repeat(19999),
  table: ['|' + Array.from({ length: 20 }, (_, i) => 'h' + i).join('|') + '|', '|' + '-|'.repeat(20), ...Array.from({ length: 1000 }, () => '|' + 'x|'.repeat(20))].join('\n').slice(0, 20000),
  tableWide: '|' + 'a|'.repeat(5000) + '\n|' + '-|'.repeat(5000),
  brackets: '['.repeat(19000),
  brackets2: '[a]('.repeat(4900),
  brackets3: '[]('.repeat(6600),
  brackets4: '!['.repeat(9900),
  brackets5: '['.repeat(9000) + 'a' + ']'.repeat(9000),
  brackets6: '[a'.repeat(9000) + '](b)',
  links: '[a](b)'.repeat(3300),
  refs: Array.from({ length: 1000 }, (_, i) => `[r${i}]: /u${i}`).join('\n') + '\n' + Array.from({ length: 1000 }, (_, i) => `[r${i}]`).join(' '),
  backticks: '`'.repeat(19999),
  backticks2: Array.from({ length: 199 }, (_, i) => '`'.repeat(i + 1) + 'a').join(' '),
  backticks3: '`a'.repeat(9999),
  backticks4: Array.from({ length: 150 }, (_, i) => '`'.repeat(i + 1)).join(' '),
  angles: '<'.repeat(19999),
  angles2: '<a'.repeat(9999),
  html: '<div>'.repeat(4000),
  entities: '&#'.repeat(9000),
  autolink: 'www.' + 'a.'.repeat(9000),
  autolink2: 'http://' + 'a'.repeat(19000),
  urls: 'https://a.b/('.repeat(1400),
  mail: 'a@'.repeat(9000),
  mentions: '@ab '.repeat(4900),
  headings: '#'.repeat(19999),
  setext: 'a\n' + '='.repeat(19000),
  fences: '```\n'.repeat(4900),
  bq_list: '> - '.repeat(4900),
  list_bq: '- > '.repeat(4900),
  spaces: ' '.repeat(19999) + 'x',
  tabs: '\t'.repeat(19999) + 'x',
  newlines: 'a\n'.repeat(9999),
  hardbreaks: 'a  \n'.repeat(4999),
  escapes: '\\'.repeat(19999),
  strike: '~'.repeat(19999),
  strike2: '~~a'.repeat(6600),
  mixed: '*_~`['.repeat(3999),
  nestedEm: '*'.repeat(100) + 'a' + '*'.repeat(100),
  nestedEmMany: ('*'.repeat(50) + 'a').repeat(390),
  linkTitle: '[a](b "' + '\\"'.repeat(9000) + ')',
  linkDest: '[a](<' + 'b'.repeat(19000) + ')',
  linkParen: '[a](' + '('.repeat(19000),
  linkParen2: '[a](' + '(a'.repeat(9000),
  imgnest: '![' .repeat(3000) + 'a' + '](b)'.repeat(3000),
};
it('probe', () => {
  const out: string[] = [];
  for (const [name, src] of Object.entries(cases)) {
    const t = process.hrtime.bigint();
    let r; let err = '';
    try { r = renderMarkdown(src); } catch (e) { err = String(e).slice(0, 80); }
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    out.push(`${name.padEnd(14)} len=${src.length} ${ms.toFixed(0)}ms md=${r?.renderedAsMarkdown} ${err}`);
  }
  console.log(out.join('\n'));
});
