/**
 * Every example of the CommonMark spec through the post pipeline (renderMarkdown), compared with
 * the spec's HTML after the same sanitizing, both in canonical form. The examples known to differ
 * are listed with reasons in test/fixtures/commonmark-known-differences.json; the test fails if
 * the number of equivalent examples drops, or if an example outside that list differs.
 */
import { tests } from 'commonmark-spec';
import { renderMarkdown } from '../../server/markdown';
import { sanitizePostHtml } from '../../server/markdown/sanitize';
import known from '../fixtures/commonmark-known-differences.json';
import { normalizeHtml } from '../helpers/normalizeHtml';

/** The spec writes tabs as "→" so they can be seen. */
const withTabs = (text: string) => text.replace(/→/g, '\t');

const knownDifferences = new Set(Object.values(known.differences).flatMap((section) => section.examples));

const results = tests.map((example) => {
  const rendered = normalizeHtml(renderMarkdown(withTabs(example.markdown)).html);
  const expected = normalizeHtml(sanitizePostHtml(withTabs(example.html)));
  return { example, rendered, expected, equivalent: rendered === expected };
});
const equivalentCount = results.filter((result) => result.equivalent).length;

it('renders at least as many spec examples equivalently as recorded', () => {
  console.log(`CommonMark ${known.spec}: ${equivalentCount} of ${tests.length} examples equivalent after sanitizing (recorded: ${known.equivalent}).`);
  expect(tests.length).toBe(652);
  expect(equivalentCount).toBeGreaterThanOrEqual(known.equivalent);
});

it('differs only on the examples listed in the fixture', () => {
  const unexpected = results
    .filter((result) => !result.equivalent && !knownDifferences.has(result.example.number))
    .map((result) => `#${result.example.number} (${result.example.section})\n  markdown ${JSON.stringify(result.example.markdown)}\n  rendered ${result.rendered}\n  expected ${result.expected}`);
  expect(unexpected).toEqual([]);
});

it('lists every known difference once, and under the section it belongs to', () => {
  const listed = Object.values(known.differences).flatMap((section) => section.examples);
  expect(new Set(listed).size).toBe(listed.length);
  for (const [section, { examples }] of Object.entries(known.differences)) {
    for (const number of examples) expect(tests.find((example) => example.number === number)?.section).toBe(section);
  }
  expect(known.equivalent + listed.length).toBe(tests.length);
});

it('judges equivalence on meaning, not on spelling', () => {
  expect(normalizeHtml('<p>a  \n b</p>\n<ul>\n<li>x</li>\n</ul>')).toBe(normalizeHtml('<p>a b</p><ul><li>x</li></ul>'));
  expect(normalizeHtml('<a title="t" href="/f%C3%B6">x</a>')).toBe(normalizeHtml('<a href="/fö" title="t">x</a>'));
  expect(normalizeHtml('<p>&quot;&#39;</p>')).toBe(normalizeHtml('<p>"\'</p>'));
  expect(normalizeHtml('<pre><code>a\n\n b</code></pre>')).not.toBe(normalizeHtml('<pre><code>a\n b</code></pre>'));
  expect(normalizeHtml('<p><em>a</em></p>')).not.toBe(normalizeHtml('<p><strong>a</strong></p>'));
});
