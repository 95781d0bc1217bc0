/** Limits that keep a hostile post from crashing or stalling the renderer. */
import type { TokenizerObject } from 'marked';

/** Longest post source accepted, in characters. */
export const MAX_SOURCE_LENGTH = 20_000;

/**
 * Deepest block nesting (quotes and lists) rendered as markdown. marked recurses per level and
 * overflows the stack on thousands of levels; past this depth the post is shown as plain text.
 */
export const MAX_BLOCK_NESTING = 24;

/** Rough block nesting depth of markdown: the most '>' markers or list indents on one line. */
export function blockNestingDepth(source: string): number {
  let deepest = 0;
  for (const line of source.split('\n')) {
    let depth = 0;
    let i = 0;
    while (i < line.length) {
      const ch = line[i];
      if (ch === '>') {
        depth += 1;
        i += 1;
      } else if (ch === ' ' || ch === '\t') {
        // Two spaces of indentation is enough to nest a list item one level.
        let spaces = 0;
        while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
          spaces += line[i] === '\t' ? 4 : 1;
          i += 1;
        }
        depth += Math.floor(spaces / 2);
      } else if ((ch === '-' || ch === '*' || ch === '+') && line[i + 1] === ' ') {
        depth += 1;
        i += 2;
      } else {
        break;
      }
    }
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/**
 * Most runs of emphasis delimiters (* _ ~) in one block of text (lines between blank lines, code
 * fences left out). For each opening run marked scans to the end of its block for a closer, so
 * thousands of runs in one paragraph cost a long time in single calls that the time budget below
 * cannot interrupt; a real paragraph has a few dozen.
 */
export const MAX_EMPHASIS_RUNS_PER_BLOCK = 1_000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$/;
/** Quote markers and a list bullet at the start of a line are not emphasis. */
const LINE_MARKERS = /^[ \t>]*(?:[*+-][ \t]+)?/;

/** The most emphasis delimiter runs in any one block of the source. */
export function mostEmphasisRunsInABlock(source: string): number {
  let most = 0;
  let runs = 0;
  let fence: string | null = null;
  for (const line of source.split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    if (line.trim() === '') {
      runs = 0;
      continue;
    }
    if (THEMATIC_BREAK.test(line)) continue;
    const text = line.slice(LINE_MARKERS.exec(line)![0].length);
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i];
      if ((ch === '*' || ch === '_' || ch === '~') && text[i - 1] !== ch) runs += 1;
    }
    if (runs > most) most = runs;
  }
  return most;
}

/**
 * Wall-clock time marked may spend on one text. Its inline parser is quadratic or worse on some
 * inputs (runs of emphasis delimiters mixed with brackets: 4,000 characters of "*a[" take a
 * second, 20,000 would take minutes). Every tokenizer call checks the clock, and past the budget
 * the text is shown as escaped text. Real posts parse in a few milliseconds, so the budget only
 * ever stops hostile ones.
 */
export const RENDER_BUDGET_MS = 250;

/** Thrown from inside marked when a parse runs past its budget. */
export class RenderBudgetExceededError extends Error {}

let deadline = Number.POSITIVE_INFINITY;

/** Runs a parse with a deadline that the tokenizers below check. */
export function withRenderBudget<T>(parse: () => T, budgetMs = RENDER_BUDGET_MS): T {
  const outer = deadline;
  deadline = performance.now() + budgetMs;
  try {
    return parse();
  } finally {
    deadline = outer;
  }
}

export function checkRenderBudget(): void {
  if (performance.now() > deadline) throw new RenderBudgetExceededError('markdown took too long to parse');
}

const TOKENIZERS = [
  'space', 'code', 'fences', 'heading', 'hr', 'blockquote', 'list', 'html', 'def', 'table', 'lheading', 'paragraph', 'text',
  'escape', 'tag', 'link', 'reflink', 'emStrong', 'codespan', 'br', 'del', 'autolink', 'url', 'inlineText',
] as const;

/** marked tokenizer overrides that check the budget, then let marked's own tokenizer run (false). */
export const budgetCheckingTokenizers: TokenizerObject = Object.fromEntries(
  TOKENIZERS.map((name) => [name, () => {
    checkRenderBudget();
    return false;
  }]),
);

/**
 * Most characters marked's link pattern may scan for titles in one link attempt. After "](" it
 * takes the unbroken stretch as the destination and, backing off one character at a time, tries
 * a title at every ( " ' it passes, each scanning to its closing character: "[a](((((…" is
 * quadratic inside a single call, which the time budget cannot interrupt. Real links scan a few
 * hundred characters.
 */
export const MAX_LINK_TITLE_SCAN = 2_000_000;

const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

/** The most characters any one "](" would make marked scan for link titles (computed in O(n)). */
export function longestLinkTitleScan(source: string): number {
  const length = source.length;
  // scanToRunEnd[i]: the title scans that start between i and the next whitespace;
  // firstNonSpace[i]: the first position at or after i that is not whitespace (a destination may
  // follow "(" after spaces).
  const scanToRunEnd = new Float64Array(length + 1);
  const firstNonSpace = new Int32Array(length + 1);
  firstNonSpace[length] = length;
  const nextCloser: Record<string, number> = { ')': length, '"': length, "'": length };
  const closerOf: Record<string, string> = { '(': ')', '"': '"', "'": "'" };
  for (let i = length - 1; i >= 0; i -= 1) {
    const ch = source[i];
    const closer = closerOf[ch];
    // Read before this character counts as a closer: a quote's title runs to the next quote.
    const scan = closer === undefined ? 0 : nextCloser[closer] - i;
    if (ch in nextCloser) nextCloser[ch] = i;
    scanToRunEnd[i] = isSpace(ch) ? 0 : scanToRunEnd[i + 1] + scan;
    firstNonSpace[i] = isSpace(ch) ? firstNonSpace[i + 1] : i;
  }
  let longest = 0;
  for (let i = source.indexOf(']('); i !== -1; i = source.indexOf('](', i + 1)) {
    longest = Math.max(longest, scanToRunEnd[firstNonSpace[i + 2]]);
  }
  return longest;
}
