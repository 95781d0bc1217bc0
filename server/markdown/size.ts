/**
 * How large the HTML of one piece of member markdown may be. Most markdown grows by a small factor
 * (a tag around each paragraph, an escaped "<"), but two constructs multiply: a reference
 * definition is copied into every use ("[a]" 3,300 times with one 4,000-character address made
 * 20 KB of text into 16 MB of HTML), and every table row is filled out to the header's width ("|"
 * rows under a 1,000-column header made 80 MB, and took marked seconds in one call). Text over the
 * bound is refused when it is saved or previewed, with a message that says what makes it grow.
 */
import type { Tokenizer, Tokens } from 'marked';
import { ValidationError } from '../errors';

/** Rendered HTML may be this many times the source's length... */
export const HTML_GROWTH_FACTOR = 4;
/** ...plus this much, so short texts with a link or a table are never refused... */
export const HTML_ALLOWANCE = 10_000;
/** ...and never more than this (a full page of ten posts at this size is still under a megabyte). */
export const MAX_HTML_LENGTH = 100_000;
/** Most table cells (header and body, all tables together) in one text. */
export const MAX_TABLE_CELLS = 5_000;

/** The most characters of HTML a source of this length may render to. */
export function maxHtmlLength(sourceLength: number): number {
  return Math.min(HTML_GROWTH_FACTOR * sourceLength + HTML_ALLOWANCE, MAX_HTML_LENGTH);
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Text whose HTML would be over its bound. A ValidationError on the post's "body" field, so every
 * form that saves or previews markdown shows it beside the text it keeps; `describe` words it
 * for another kind of text (an ETA note).
 */
export class MarkdownTooLargeError extends ValidationError {
  /** `detail(noun)` says what grew, naming the kind of text ("post", "note"). */
  constructor(private readonly detail: (noun: string) => string) {
    super({ body: `This post would be too large once formatted: ${detail('post')}` });
  }

  /** The message for another kind of text than a post. */
  describe(noun: string): string {
    return `This ${noun} would be too large once formatted: ${this.detail(noun)}`;
  }

  static forHtml(htmlLength: number, limit: number): MarkdownTooLargeError {
    return new MarkdownTooLargeError((noun) =>
      `about ${count(htmlLength)} characters of HTML, where a ${noun} of this length may make at most ${count(limit)}. ` +
      'Reference links or images repeated many times, tables with many empty cells, or thousands of links, ' +
      `mentions or list items make a ${noun} grow: link each address once, or shorten the table or list.`);
  }

  static forLinks(linkCharacters: number, limit: number): MarkdownTooLargeError {
    return new MarkdownTooLargeError((noun) =>
      `its links and images would repeat ${count(linkCharacters)} characters of addresses and titles, where a ${noun} ` +
      `of this length may make at most ${count(limit)} characters of HTML. A reference link or image used many times ` +
      'copies its whole definition every time: use a long address once, or shorten it.');
  }

  static forTableCells(cells: number): MarkdownTooLargeError {
    return new MarkdownTooLargeError((noun) =>
      `its tables would have ${count(cells)} cells, and a ${noun} may have at most ${count(MAX_TABLE_CELLS)}. ` +
      'Every row gets as many cells as the header has columns, even an empty "|" row: use fewer columns or rows.');
  }
}

interface Tally {
  limit: number;
  tableCells: number;
  linkCharacters: number;
}

let tally: Tally | null = null;

/** Runs a parse that the table tokenizer and link walker below hold to `limit` characters of HTML. */
export function withOutputBound<T>(limit: number, parse: () => T): T {
  const outer = tally;
  tally = { limit, tableCells: 0, linkCharacters: 0 };
  try {
    return parse();
  } finally {
    tally = outer;
  }
}

/**
 * A marked table tokenizer that counts the cells a table will have before marked's own tokenizer
 * (return false) builds them, in one call that nothing could interrupt.
 */
export function countTableCells(this: Tokenizer, src: string): false {
  // The same pattern marked's table tokenizer starts with (linear; it runs again right after).
  const match = this.rules.block.table.exec(src);
  if (match && tally) {
    const columns = match[2].replace(/^\||\| *$/g, '').split('|').length;
    const rows = match[3]?.trim() ? match[3].replace(/\n[ \t]*$/, '').split('\n').length : 0;
    tally.tableCells += columns * (rows + 1);
    if (tally.tableCells > MAX_TABLE_CELLS) throw MarkdownTooLargeError.forTableCells(tally.tableCells);
  }
  return false;
}

/**
 * A marked walkTokens callback (after lexing, before any HTML is made) that adds up what links and
 * images will print, each with its own copy of its address and title.
 */
export function countLinkOutput(token: { type: string }): void {
  if (!tally || (token.type !== 'link' && token.type !== 'image')) return;
  const link = token as Tokens.Link | Tokens.Image;
  tally.linkCharacters += link.href.length + (link.title?.length ?? 0) + (token.type === 'image' ? link.text.length : 0);
  if (tally.linkCharacters > tally.limit) throw MarkdownTooLargeError.forLinks(tally.linkCharacters, tally.limit);
}
