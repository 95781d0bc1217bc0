/** The markdown pipeline: GitHub-flavoured markdown in, allowlisted HTML out, hostile input survived. */
import { excerptOf, mentionCandidates, renderMarkdown } from '../../server/markdown';
import { html } from '../helpers/forum';

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

describe('@mentions between renders', () => {
  const members = new Map([['rafehg', 'RafehG'], ['lenae', 'LenaE']]);
  // Far longer than the texts rendered after it, which is what the old bug needed; not so long that
  // a loaded machine takes it past the render budget (then it is kept as text, with no mentions).
  const longEndingInMention = `${'A long preview with `code` and *emphasis*. '.repeat(40)}Thanks @LenaE`;

  it('finds and links a mention after a long text that ended in one (the mention regex keeps no position)', () => {
    // Each sequence once failed: the shared /g regex kept lastIndex from the call before.
    for (const previous of [longEndingInMention, '@LenaE', `${'x '.repeat(5_000)}@nobody`, 'mail@example.com and @LenaE.']) {
      expect(mentionCandidates(previous).length).toBeGreaterThan(0);
      renderMarkdown(previous, { mentionable: members });
      expect(mentionCandidates('@RafehG the badge is back')).toEqual(['rafehg']);
      const { html: rendered, mentioned } = renderMarkdown('@RafehG the badge is back', { mentionable: members });
      expect(mentioned).toEqual(['rafehg']);
      expect(html(rendered)('a.mention').attr('href')).toBe('/u/RafehG');
    }
  });

  it('gives the same answer for a text whatever was rendered before', () => {
    const texts = ['Hi @RafehG and @LenaE', longEndingInMention, 'no mention', '@LenaE', 'x@RafehG is not one'];
    const alone = texts.map((text) => renderMarkdown(text, { mentionable: members }).mentioned);
    for (let round = 0; round < 3; round += 1) {
      expect(texts.map((text) => renderMarkdown(text, { mentionable: members }).mentioned)).toEqual(alone);
      expect([...texts].reverse().map((text) => mentionCandidates(text))).toEqual([...texts].reverse().map((text) => mentionCandidates(text)));
    }
    expect(alone).toEqual([['rafehg', 'lenae'], ['lenae'], [], ['lenae'], []]);
  });
});

describe('mention links', () => {
  const members = new Map([['lenae', 'LenaE']]);
  const FORGED = [
    '<a class="mention" href="https://evil.example">@LenaE</a>',
    "<a href='https://evil.example' class='mention'>@LenaE</a>",
    '<a class="MENTION mention x" href="https://evil.example/login">@LenaE</a>',
    '<a class="mention" href="/u/LenaE">@AveryO</a>',
    '<p><a class="mention" href="//evil.example">@LenaE</a></p>',
    '[@LenaE](https://evil.example)',
    '<a class="mention-0123456789abcdef01234567" href="https://evil.example">@LenaE</a>',
  ];

  it.each(FORGED)('carry no class when a member writes them: %s', (source) => {
    const { html: rendered } = renderMarkdown(`Hello ${source}`, { mentionable: members });
    const $ = html(rendered);
    expect($('[class]')).toHaveLength(0);
    expect($('a.mention')).toHaveLength(0);
  });

  it('come only from the mention linker, to /u/ of an existing member', () => {
    const { html: rendered } = renderMarkdown('<a class="mention" href="https://evil.example">@LenaE</a> and @LenaE and @Nobody', { mentionable: members });
    const $ = html(rendered);
    expect($('a.mention').map((_, e) => $(e).attr('href')).get()).toEqual(['/u/LenaE']);
    expect($('a[href="https://evil.example"]').attr('class')).toBeUndefined();
    expect(rendered).not.toMatch(/mention-[0-9a-f]/);
  });
});
