/** escapeMarkdownInline: member text inside server-written markdown stays literal text once rendered. */
import { renderMarkdown } from '../../server/markdown';
import { escapeMarkdownInline } from '../../server/text/markdown';

const SHAPES = [
  '[Official fix: sign in here](https://evil.example/login)',
  '**bold** _em_ ~~gone~~',
  '`code` and ``more``',
  '<img src=x onerror=alert(1)> <b>hi</b>',
  '@LenaE please',
  'https://evil.example/x www.evil.example',
  '![img](https://evil.example/a.png)',
  '&amp; &lt;script&gt;',
  '# Heading? 1. list - item > quote',
  'back\\slash \\[',
  '[ref]: https://evil.example',
];

describe('escapeMarkdownInline', () => {
  it.each(SHAPES)('keeps %s as the same text, with no link, markup or mention', (text) => {
    const rendered = renderMarkdown(`Hi ${escapeMarkdownInline(text)}, welcome.`, { mentionable: new Map([['lenae', 'LenaE']]) });
    expect(rendered.html).not.toMatch(/<a |<img|<strong|<em|<code|<del|<h1|<b>|<blockquote/);
    expect(rendered.mentioned).toEqual([]);
    const plain = rendered.html.replace(/<\/?p>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();
    expect(plain).toBe(`Hi ${text}, welcome.`);
  });

  it('escapes every ASCII punctuation character and nothing else', () => {
    expect(escapeMarkdownInline('Lena E')).toBe('Lena E');
    expect(escapeMarkdownInline('a_b*c')).toBe('a\\_b\\*c');
    expect(escapeMarkdownInline('Zoë 🚀')).toBe('Zoë 🚀');
    expect(escapeMarkdownInline('two\nlines')).toBe('two lines');
  });
});
