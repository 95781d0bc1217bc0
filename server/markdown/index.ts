/**
 * The one place that turns member markdown into safe HTML. Called when a post (or ETA note) is
 * saved; pages print the stored result and never parse markdown on a read.
 */
import { randomBytes } from 'node:crypto';
import { Marked } from 'marked';
import {
  blockNestingDepth,
  budgetCheckingTokenizers,
  longestLinkTitleScan,
  mostEmphasisRunsInABlock,
  MAX_BLOCK_NESTING,
  MAX_EMPHASIS_RUNS_PER_BLOCK,
  MAX_LINK_TITLE_SCAN,
  withRenderBudget,
} from './limits';
import { linkWhitespaceWork, MAX_LINK_WHITESPACE_WORK } from './linkWhitespace';
import { Mentionable, mentionExtension } from './mentions';
import { sanitizePostHtml } from './sanitize';
import { countLinkOutput, countTableCells, MarkdownTooLargeError, maxHtmlLength, withOutputBound } from './size';

export { MAX_SOURCE_LENGTH } from './limits';
export { MarkdownTooLargeError, maxHtmlLength } from './size';
export { mentionCandidates } from './mentions';
export type { Mentionable } from './mentions';

export interface RenderedMarkdown {
  html: string;
  /** Plain text for lists and the official-answer box. */
  excerpt: string;
  /** False when the source was shown as escaped text instead of markdown. */
  renderedAsMarkdown: boolean;
  /** Lower-cased usernames of the members the post links with @mentions. */
  mentioned: string[];
}

export interface RenderOptions {
  /** Members that @mentions may link to (lower-cased username -> username). */
  mentionable?: Mentionable;
}

const EXCERPT_LENGTH = 280;
const NO_MENTIONS: Mentionable = new Map();

// marked parses synchronously, so the members for this parse can be handed to the extension
// through this variable without one render seeing another's.
let mentionableNow: Mentionable = NO_MENTIONS;
let mentionedNow = new Set<string>();
let mentionMarkerNow = '';
const marked = new Marked({ gfm: true, breaks: false, async: false });
marked.use({
  extensions: [mentionExtension(() => mentionableNow, (key) => mentionedNow.add(key), () => mentionMarkerNow)],
  tokenizer: budgetCheckingTokenizers,
});
// Used after the budget checks, so these run first (marked calls the latest override first).
marked.use({ tokenizer: { table: countTableCells }, walkTokens: countLinkOutput });

/**
 * marked's HTML longer than this many times the bound cannot sanitize down under it (sanitizing
 * turns marked's "&quot;" back into one character, 6:1 at most), so it is refused unsanitized.
 */
const MOST_SANITIZING_SHRINKS = 8;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Paragraphs of escaped text: what a post looks like when its markdown cannot be rendered. */
export function plainTextHtml(source: string): string {
  return source
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

const BLOCK_TAG = /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th|details|summary)\b[^>]*>/gi;

/** The first words of sanitized HTML as plain text, cut at a word boundary. */
export function excerptOf(html: string, length = EXCERPT_LENGTH): string {
  // Block tags part words; inline ones (<strong>webcam</strong>, then) must not add a space
  // before the punctuation that follows them.
  const text = decodeEntities(html.replace(BLOCK_TAG, ' ').replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

interface ParsedMarkdown {
  html: string;
  mentioned: string[];
  /** The class this parse gave its mention links (see sanitize.ts). */
  mentionMarker: string;
}

/** marked's HTML for the source, or null when it has to be shown as text; throws when too large. */
function markdownToHtml(source: string, mentionable: Mentionable, htmlLimit: number): ParsedMarkdown | null {
  if (blockNestingDepth(source) > MAX_BLOCK_NESTING) return null;
  if (longestLinkTitleScan(source) > MAX_LINK_TITLE_SCAN) return null;
  if (linkWhitespaceWork(source) > MAX_LINK_WHITESPACE_WORK) return null;
  if (mostEmphasisRunsInABlock(source) > MAX_EMPHASIS_RUNS_PER_BLOCK) return null;
  mentionableNow = mentionable;
  mentionedNow = new Set();
  mentionMarkerNow = `mention-${randomBytes(12).toString('hex')}`;
  try {
    const html = withOutputBound(htmlLimit, () => withRenderBudget(() => marked.parse(source) as string));
    return { html, mentioned: [...mentionedNow], mentionMarker: mentionMarkerNow };
  } catch (error) {
    if (error instanceof MarkdownTooLargeError) throw error;
    // marked can still throw on inputs the checks above miss (a stack overflow, or the time
    // budget running out); the post is kept as text.
    return null;
  } finally {
    mentionableNow = NO_MENTIONS;
    mentionedNow = new Set();
    mentionMarkerNow = '';
  }
}

/**
 * Renders member markdown (CommonMark + GitHub extensions) to sanitized HTML. Throws
 * MarkdownTooLargeError (a ValidationError on "body") when the HTML would be over
 * maxHtmlLength(source.length), whatever made it grow.
 */
export function renderMarkdown(source: string, options: RenderOptions = {}): RenderedMarkdown {
  const htmlLimit = maxHtmlLength(source.length);
  const parsed = markdownToHtml(source, options.mentionable ?? NO_MENTIONS, htmlLimit);
  if (parsed && parsed.html.length > htmlLimit * MOST_SANITIZING_SHRINKS) throw MarkdownTooLargeError.forHtml(parsed.html.length, htmlLimit);
  const html = parsed === null ? plainTextHtml(source) : sanitizePostHtml(parsed.html, parsed.mentionMarker);
  if (html.length > htmlLimit) throw MarkdownTooLargeError.forHtml(html.length, htmlLimit);
  return { html, excerpt: excerptOf(html), renderedAsMarkdown: parsed !== null, mentioned: parsed?.mentioned ?? [] };
}
