/**
 * A canonical form of an HTML fragment, for asking whether two renderings mean the same: parsed
 * as a browser would, attributes sorted, entities written one way, URLs percent-encoded, and
 * whitespace that a browser would not show (runs of it, and any next to block elements) folded
 * away. Text inside <pre> is kept exactly. Modelled on the CommonMark test suite's normaliser.
 */
import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const BLOCK_TAGS = new Set([
  'blockquote', 'br', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre',
  'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
const VOID_TAGS = new Set(['br', 'hr', 'img', 'input']);

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** A browser sends non-ASCII characters of a URL percent-encoded as UTF-8: "/föö" is "/f%C3%B6%C3%B6". */
function canonicalUrl(url: string): string {
  try {
    return url.replace(/[^\x00-\x7f]+/g, (chars) => encodeURI(chars));
  } catch {
    // A lone surrogate cannot be encoded; the URL is compared as written.
    return url;
  }
}

function isBlock(node: AnyNode | null | undefined): boolean {
  return node?.type === 'tag' && BLOCK_TAGS.has((node as Element).tagName);
}

/** Text outside <pre>: runs of whitespace fold to one space, and none is kept beside a block boundary. */
function visibleText(nodes: AnyNode[], index: number, parentIsBlock: boolean): string {
  let text = (nodes[index] as AnyNode & { data: string }).data.replace(/\s+/g, ' ');
  if (index === 0 ? parentIsBlock : isBlock(nodes[index - 1])) text = text.trimStart();
  if (index === nodes.length - 1 ? parentIsBlock : isBlock(nodes[index + 1])) text = text.trimEnd();
  return text;
}

function serialize(nodes: AnyNode[], parent: Element | null, inPre: boolean, out: string[]): void {
  const parentIsBlock = parent === null || isBlock(parent);
  for (const [index, node] of nodes.entries()) {
    if (node.type === 'text') {
      out.push(escapeText(inPre ? node.data : visibleText(nodes, index, parentIsBlock)));
    } else if (node.type === 'tag') {
      const element = node as Element;
      const attributes = Object.entries(element.attribs)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => [name, name === 'href' || name === 'src' ? canonicalUrl(value) : value])
        .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`))
        .join('');
      out.push(`<${element.tagName}${attributes}>`);
      if (VOID_TAGS.has(element.tagName)) continue;
      serialize(element.children, element, inPre || element.tagName === 'pre', out);
      out.push(`</${element.tagName}>`);
    }
    // Comments and processing instructions carry no meaning for a reader.
  }
}

/** The canonical form of an HTML fragment. */
export function normalizeHtml(html: string): string {
  const $ = load(html, null, false);
  const out: string[] = [];
  serialize($.root().contents().toArray(), null, false, out);
  return out.join('');
}
