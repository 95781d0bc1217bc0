/** Search snippets read as text, not markdown source; excerpts add no space before punctuation. */
import { excerptOf, renderMarkdown } from '../../server/markdown';
import { plainSnippetText } from '../../server/presenters/search';

it('drops table pipes and separator rows, headings, list markers and link targets from a snippet', () => {
  expect(plainSnippetText('| step | done |\n|---|:---:|\n| webcam | yes |')).toBe('step done webcam yes');
  expect(plainSnippetText('## Steps\n- first the **ID**\n2. then the [webcam](https://example.com/x)')).toBe('Steps first the ID then the webcam');
});

it('keeps words next to their punctuation in an excerpt', () => {
  expect(excerptOf(renderMarkdown('Do the **webcam**, then _wait_.').html)).toBe('Do the webcam, then wait.');
  expect(excerptOf(renderMarkdown('First paragraph.\n\nSecond one.').html)).toBe('First paragraph. Second one.');
  expect(excerptOf('<ul><li>one</li><li>two</li></ul>')).toBe('one two');
});
