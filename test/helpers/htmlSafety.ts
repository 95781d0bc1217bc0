/**
 * Judges a rendered page for executable HTML that came from members. The page is parsed the way a
 * browser parses it (cheerio, on parse5), so an escape that only a browser would see still counts.
 *
 * The site's own layout legitimately has a <meta charset>, a viewport <meta>, external scripts of
 * its own (the files in public/js, each once, empty, outside member content), icons (<svg
 * class="nav-icon"> in the site header) and forms that post with a CSRF token; anything of that kind
 * beyond the layout's signature is a finding. Inside the regions that hold member content
 * (rendered markdown, previews) no such element is allowed at all, and the slots that print
 * titles and names must hold text only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export interface SafetyFinding {
  rule: string;
  where: string;
  detail: string;
}

/** Elements that run code, load other documents, or change how the page's URLs and forms behave. */
const DANGEROUS_ELEMENTS = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'form', 'base', 'meta', 'style', 'link', 'template', 'portal',
];

/** Where member content is printed as HTML (sanitized markdown). */
export const USER_CONTENT_REGIONS = ['.post__body', '.prose', '.preview'];

/** Inside member content, form controls are refused too (markdown task lists give disabled checkboxes only). */
const FORBIDDEN_IN_CONTENT = [...DANGEROUS_ELEMENTS, 'button', 'textarea', 'select', 'option', 'video', 'audio', 'source'];

/**
 * Slots that print a member's title, name, excerpt or note window: escaped text, never markup.
 * A child element here means something was printed unescaped.
 */
export const TEXT_ONLY_SLOTS = [
  'title',
  'h1',
  'textarea',
  '.author-name',
  '.account-nav__name',
  '.avatar',
  '.breadcrumbs a',
  '.breadcrumbs [aria-current]',
  '.thread-row__title > a',
  '.thread-row__meta a',
  '.thread-row__last a:not(.muted)',
  '.board-card__latest > a',
  '.recent-posts__title',
  '.recent-posts__excerpt',
  '.official-answer__excerpt',
  '.eta-note__window',
  '.eta-note__by a',
  '.notification-group__title a',
  '.field__error',
  '.form-error',
];

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'background', 'data', 'ping'];
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
/** What the dashboard's server-drawn charts are made of. */
const CHART_ELEMENTS = new Set(['title', 'desc', 'g', 'rect', 'line', 'polyline', 'path', 'circle', 'text', 'tspan']);

/** The site's own scripts: exactly the files in public/js (progressive enhancement, never inline). */
const SITE_SCRIPTS = new Set(
  fs.readdirSync(path.join(__dirname, '..', '..', 'public', 'js')).filter((name) => name.endsWith('.js')).map((name) => `/public/js/${name}`),
);

/**
 * The scheme a browser would see in a URL attribute: leading/trailing C0 controls and spaces are
 * stripped and tabs/newlines inside are ignored, so "java\tscript:" is javascript:.
 */
export function schemeOf(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1].toLowerCase() : null;
}

/** Whether a URL is http(s)/mailto, or relative to this site ("//host" and "/\host" go elsewhere). */
export function isSafeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const scheme = schemeOf(cleaned);
  if (scheme !== null) return SAFE_SCHEMES.has(scheme);
  return !/^[/\\]{2}/.test(cleaned);
}

function describe($: CheerioAPI, element: Element): string {
  const path: string[] = [];
  let node: Element | null = element;
  while (node && node.type === 'tag' && path.length < 6) {
    const id = node.attribs.id ? `#${node.attribs.id}` : '';
    const classes = node.attribs.class ? `.${node.attribs.class.trim().split(/\s+/).join('.')}` : '';
    path.unshift(`${node.tagName}${id}${classes}`);
    node = node.parent && node.parent.type === 'tag' ? (node.parent as Element) : null;
  }
  const html = $.html(element) ?? '';
  return `${path.join(' > ')}: ${html.length > 160 ? `${html.slice(0, 160)}…` : html}`;
}

/** The elements a selector built at run time matches (cheerio types only literal selectors). */
function select($: CheerioAPI, selector: string, within?: Element): Element[] {
  return (within ? $(within).find(selector) : $(selector)).toArray().filter((node): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style');
}

function isInside(element: Element, selectors: string[], $: CheerioAPI): boolean {
  return $(element).closest(selectors.join(',')).length > 0;
}

/** A layout form: posts to this site with a CSRF token, or is a GET form (search) to this site. */
function isLayoutForm($: CheerioAPI, form: Element): boolean {
  const method = (form.attribs.method ?? 'get').toLowerCase();
  const action = form.attribs.action ?? '';
  const toThisSite = action.startsWith('/') && !/^[/\\]{2}/.test(action);
  if (!toThisSite) return false;
  if (method === 'get') return true;
  const token = $(form).children('input[type=hidden][name=_csrf]').attr('value') ?? '';
  return method === 'post' && token.length > 0;
}

function checkLayoutSignature($: CheerioAPI, findings: SafetyFinding[]): void {
  const scripts = $('script').toArray();
  const seen = new Map<string, number>();
  for (const script of scripts) {
    const src = script.attribs.src ?? '';
    const own = SITE_SCRIPTS.has(src) && $(script).text() === '' && !isInside(script, USER_CONTENT_REGIONS, $) && Object.keys(script.attribs).every((name) => name === 'src' || name === 'defer');
    if (!own) findings.push({ rule: 'script', where: describe($, script), detail: 'a script that is not one of the site\'s own' });
    else seen.set(src, (seen.get(src) ?? 0) + 1);
  }
  for (const [src, count] of seen) if (count > 1) findings.push({ rule: 'script', where: 'page', detail: `${count} copies of ${src}` });

  let charsets = 0;
  let viewports = 0;
  for (const meta of $('meta').toArray()) {
    const inHead = $(meta).parent().is('head');
    const names = Object.keys(meta.attribs).sort().join(',');
    if (inHead && names === 'charset') charsets += 1;
    else if (inHead && names === 'content,name' && meta.attribs.name === 'viewport') viewports += 1;
    else findings.push({ rule: 'meta', where: describe($, meta), detail: 'a meta element the layout does not have' });
  }
  if (charsets > 1 || viewports > 1) findings.push({ rule: 'meta', where: 'head', detail: 'layout meta elements repeated' });

  for (const link of $('link').toArray()) {
    const rel = (link.attribs.rel ?? '').toLowerCase();
    if (!$(link).parent().is('head') || !['stylesheet', 'canonical', 'alternate'].includes(rel)) {
      findings.push({ rule: 'link', where: describe($, link), detail: 'a link element the layout does not have' });
    }
  }

  for (const form of $('form').toArray()) {
    if (!isInside(form, USER_CONTENT_REGIONS, $) && !isLayoutForm($, form)) {
      findings.push({ rule: 'form', where: describe($, form), detail: 'a form that is not one of the site\'s own' });
    }
  }

  const never = DANGEROUS_ELEMENTS.filter((tag) => !['script', 'meta', 'link', 'form'].includes(tag));
  for (const element of select($, never.join(','))) {
    if (isInside(element, USER_CONTENT_REGIONS, $)) continue;
    // The header's icons: an svg of the layout's own, decorative, with nothing but a path in it.
    const icon = element.tagName === 'svg' && $(element).is('header.site-header svg.nav-icon[aria-hidden=true]') && $(element).children().toArray().every((child) => child.tagName === 'path');
    // The staff dashboard's charts: drawing elements and text only (no links, no scripts, no foreign content).
    const chart = element.tagName === 'svg' && $(element).is('section.dashboard-section svg[role=img]') &&
      $(element).find('*').toArray().every((child) => CHART_ELEMENTS.has(child.tagName) && !Object.keys(child.attribs).some((name) => /^(on|href|xlink:href)/i.test(name)));
    if (!icon && !chart) findings.push({ rule: element.tagName, where: describe($, element), detail: 'never part of the layout' });
  }
}

function checkUserContent($: CheerioAPI, findings: SafetyFinding[]): void {
  for (const region of select($, USER_CONTENT_REGIONS.join(','))) {
    for (const element of select($, FORBIDDEN_IN_CONTENT.join(','), region)) {
      findings.push({ rule: `content:${element.tagName}`, where: describe($, element), detail: 'forbidden in member content' });
    }
    for (const input of $(region).find('input').toArray()) {
      if (input.attribs.type !== 'checkbox' || input.attribs.disabled === undefined) {
        findings.push({ rule: 'content:input', where: describe($, input), detail: 'only disabled checkboxes (task lists) belong in member content' });
      }
    }
  }
}

function checkAttributes($: CheerioAPI, findings: SafetyFinding[]): void {
  $('*').each((_, node: AnyNode) => {
    const element = node as Element;
    for (const [name, value] of Object.entries(element.attribs ?? {})) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) findings.push({ rule: 'event-handler', where: describe($, element), detail: `${name}="${value}"` });
      else if (lower === 'style') findings.push({ rule: 'style-attribute', where: describe($, element), detail: `style="${value}"` });
      else if (lower === 'srcdoc') findings.push({ rule: 'srcdoc', where: describe($, element), detail: 'inline document' });
      else if (URL_ATTRIBUTES.includes(lower) && !isSafeUrl(value)) {
        findings.push({ rule: 'url-scheme', where: describe($, element), detail: `${name}="${value}"` });
      } else if (lower === 'srcset' || lower === 'imagesrcset') {
        for (const candidate of value.split(',')) {
          const url = candidate.trim().split(/\s+/)[0] ?? '';
          if (url && !isSafeUrl(url)) findings.push({ rule: 'url-scheme', where: describe($, element), detail: `${name} candidate "${url}"` });
        }
      }
    }
  });
}

function checkTextSlots($: CheerioAPI, findings: SafetyFinding[]): void {
  for (const slot of select($, TEXT_ONLY_SLOTS.join(','))) {
    const child = $(slot).children().first();
    if (child.length) findings.push({ rule: 'text-slot', where: describe($, slot), detail: `holds <${child.prop('tagName')?.toLowerCase()}> instead of text` });
  }
}

/** Every way the page could run or load something a member put there; empty when the page is safe. */
export function findUnsafeHtml(page: string): SafetyFinding[] {
  const $ = load(page);
  const findings: SafetyFinding[] = [];
  checkLayoutSignature($, findings);
  checkUserContent($, findings);
  checkAttributes($, findings);
  checkTextSlots($, findings);
  return findings;
}

/** Throws with the findings (and where the page came from) when the page is not safe. */
export function assertSafeHtml(page: string, context: string): void {
  const findings = findUnsafeHtml(page);
  if (findings.length === 0) return;
  const list = findings.slice(0, 10).map((finding) => `  [${finding.rule}] ${finding.where} — ${finding.detail}`).join('\n');
  throw new Error(`unsafe HTML on ${context} (${findings.length} finding${findings.length === 1 ? '' : 's'}):\n${list}`);
}
