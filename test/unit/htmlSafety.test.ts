/** The HTML safety checker itself: it passes the layout and catches every kind of escape it claims to. */
import { findUnsafeHtml, isSafeUrl } from '../helpers/htmlSafety';

const page = (body: string, head = '') => `<!doctype html><html lang="en"><head>
  <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
  <title>A thread · Rollout Forum</title>
  <link rel="stylesheet" href="/public/css/forum.css"><script src="/public/js/forum.js" defer></script>${head}
</head><body>
  <header><nav><a href="/u/LenaE"><span class="account-nav__name">Lena E</span></a>
    <form class="inline-form" method="post" action="/signout"><input type="hidden" name="_csrf" value="token123"><button>Sign out</button></form>
    <form method="get" action="/search"><input name="q"></form></nav></header>
  <main><h1 class="page-title">A thread</h1>${body}</main></body></html>`;

const rules = (html: string) => findUnsafeHtml(html).map((finding) => finding.rule);

it('finds nothing in the layout and in ordinary sanitized content', () => {
  expect(findUnsafeHtml(page(`<div class="post__body prose"><p><a href="https://example.com" rel="nofollow ugc noopener">x</a>
    <a href="mailto:a@example.com">m</a> <a class="mention" href="/u/LenaE">@LenaE</a> <img src="https://example.com/a.png" alt="">
    <input type="checkbox" disabled checked></p></div>`))).toEqual([]);
});

it.each([
  ['an inline script in content', '<div class="post__body"><script>alert(1)</script></div>', 'content:script'],
  ['a script that broke out of a title', '<h1>x</h1><script>alert(1)</script>', 'script'],
  ['a second copy of the layout script', '<script src="/public/js/forum.js"></script>', 'script'],
  ['an event handler', '<div class="prose"><img src="https://x.test/a.png" onerror="alert(1)"></div>', 'event-handler'],
  ['a style attribute', '<p style="position:fixed">x</p>', 'style-attribute'],
  ['a javascript: link', '<div class="prose"><a href="javascript:alert(1)">x</a></div>', 'url-scheme'],
  ['a javascript: link split by a tab', '<a href="java&#9;script:alert(1)">x</a>', 'url-scheme'],
  ['a data: image', '<div class="prose"><img src="data:image/svg+xml,<svg>"></div>', 'url-scheme'],
  ['a protocol-relative link', '<a href="//evil.example/">x</a>', 'url-scheme'],
  ['a javascript: srcset candidate', '<img srcset="https://a.test/1.png 1x, javascript:alert(1) 2x">', 'url-scheme'],
  ['a form in content', '<div class="prose"><form action="/signout" method="post"></form></div>', 'content:form'],
  ['a form without a token', '<form method="post" action="/settings/profile"><input name="displayName"></form>', 'form'],
  ['a form to another site', '<form method="get" action="https://evil.example/"></form>', 'form'],
  ['an svg', '<svg><a xlink:href="javascript:alert(1)"></a></svg>', 'svg'],
  ['a math element', '<math><mtext></mtext></math>', 'math'],
  ['an iframe', '<iframe src="https://example.com"></iframe>', 'iframe'],
  ['an object', '<object data="https://example.com/x.swf"></object>', 'object'],
  ['an embed', '<embed src="https://example.com/x.swf">', 'embed'],
  ['a meta refresh in the body', '<meta http-equiv="refresh" content="0;url=https://evil.example">', 'meta'],
  ['a base element', '<base href="https://evil.example/">', 'base'],
  ['markup in a title slot', '<table><tr><td class="thread-row__title"><a href="/t/1/x"><b>bold</b></a></td></tr></table>', 'text-slot'],
  ['a checkbox that can be ticked in content', '<div class="prose"><input type="checkbox"></div>', 'content:input'],
])('flags %s', (_name, body, rule) => {
  expect(rules(page(body))).toContain(rule);
});

it('flags a meta element added to the head', () => {
  expect(rules(page('', '<meta http-equiv="refresh" content="0">'))).toContain('meta');
});

it('judges URLs the way a browser does', () => {
  for (const url of ['/t/1/x', '#p1', '?page=2', 'https://a.test', 'HTTP://a.test', 'mailto:a@b.test', 'relative/path', '']) {
    expect(isSafeUrl(url)).toBe(true);
  }
  for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', '\u0001javascript:x', 'vbscript:x', 'data:text/html,x', '//evil.test', '/\\evil.test', 'java\nscript:x']) {
    expect(isSafeUrl(url)).toBe(false);
  }
});
