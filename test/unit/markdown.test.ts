/** The markdown pipeline: GitHub-flavoured markdown in, allowlisted HTML out, hostile input survived. */
import { excerptOf, renderMarkdown } from '../../server/markdown';

describe('renderMarkdown', () => {
  it('renders CommonMark and GitHub extensions', () => {
    const { html } = renderMarkdown('# Title\n\n**bold** _em_ ~~gone~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<table>');
    expect(html).toMatch(/<input (?=[^>]*type="checkbox")(?=[^>]*disabled)(?=[^>]*checked)[^>]*\/?>/);
  });

  it('removes scripts, event handlers, styles, frames and forms', () => {
    const source = [
      '<script>alert(1)</script>',
      '<img src="https://example.com/x.png" onerror="alert(1)">',
      '<p style="color:red" onclick="alert(1)">styled</p>',
      '<iframe src="https://evil.example"></iframe>',
      '<form action="/x"><input name="a"></form>',
      '<svg onload="alert(1)"></svg>',
    ].join('\n\n');
    const { html } = renderMarkdown(source);
    expect(html).not.toMatch(/<script|<iframe|<form|<svg|<style/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/style=/i);
  });

  it('keeps only http, https and mailto links, with rel="nofollow ugc noopener"', () => {
    const { html } = renderMarkdown('[a](https://example.com) [b](javascript:alert(1)) [c](mailto:x@example.com) [d](data:text/html,x)');
    expect(html).toContain('<a href="https://example.com" rel="nofollow ugc noopener">a</a>');
    expect(html).toContain('<a href="mailto:x@example.com" rel="nofollow ugc noopener">c</a>');
    expect(html).not.toMatch(/javascript:|data:/);
  });

  it('shows deeply nested input as escaped text instead of crashing', () => {
    const { html, renderedAsMarkdown } = renderMarkdown(`${'>'.repeat(5000)} <b>deep</b>`);
    expect(renderedAsMarkdown).toBe(false);
    expect(html).toContain('&gt;&gt;&gt;');
    expect(html).toContain('&lt;b&gt;deep&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('renders moderately nested quotes as markdown', () => {
    const { html, renderedAsMarkdown } = renderMarkdown('> > > three levels');
    expect(renderedAsMarkdown).toBe(true);
    expect(html.match(/<blockquote>/g)).toHaveLength(3);
  });
});

describe('excerptOf', () => {
  it('turns HTML into plain text and cuts long text at a word', () => {
    expect(excerptOf('<p>Hi &amp; <strong>welcome</strong></p>')).toBe('Hi & welcome');
    const long = excerptOf(`<p>${'word '.repeat(200)}</p>`, 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith('word…')).toBe(true);
  });
});
