/**
 * Snippets for CJK results, made here rather than by the database: FTS5's snippet() counts
 * trigram "tokens" and the short-word matches have no full-text cursor at all, and ts_headline
 * does not split CJK text. A window of the post's text around the first match, every match
 * between the highlight markers; the presenter escapes it.
 */
import { HIGHLIGHT_END, HIGHLIGHT_START } from './engine';

const BEFORE = 30;
const LENGTH = 120;
const MARKERS = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`, 'g');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export function cjkSnippet(source: string, needles: readonly string[]): string {
  const text = source.replace(MARKERS, '');
  const sorted = [...new Set(needles.filter((needle) => needle !== ''))].sort((a, b) => b.length - a.length);
  const pattern = sorted.length > 0 ? new RegExp(sorted.map(escapeRegExp).join('|'), 'giu') : null;
  const first = pattern ? text.search(pattern) : -1;
  let start = Math.max(0, first - BEFORE);
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start -= 1;
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end += 1;
  const window = text.slice(start, end);
  const marked = pattern ? window.replace(pattern, (match) => `${HIGHLIGHT_START}${match}${HIGHLIGHT_END}`) : window;
  return `${start > 0 ? '…' : ''}${marked}${end < text.length ? '…' : ''}`;
}
