/**
 * The cost of marked's inline link pattern on whitespace after "](" (computed in O(n), before
 * parsing). The pattern is `\](\s*(href)(?:[ \t]*(?:\n[ \t]*)?(title))?\s*\)`: with no ")" to end it,
 * the leading `\s*` backs off one character at a time, and for each of its lengths the href
 * (which may hold Unicode spaces such as U+00A0) and the trailing `\s*` back off again. "[a](" and
 * 19,990 spaces is one regex call of about a second; with no-break spaces, 2,000 of them take
 * eight seconds, and 20,000 would take hours. One call cannot be interrupted by the render budget,
 * so a post whose links would cost that much is shown as text instead.
 */

/** Most steps (roughly, regex backtracking positions) one link attempt may cost; about 50 ms. */
export const MAX_LINK_WHITESPACE_WORK = 5_000_000;

/** What JavaScript's \s matches (the pattern's \s*): ASCII and Unicode spaces, line breaks. */
const isRegexSpace = (ch: string) => /\s/.test(ch);
/** What the pattern's unbracketed href takes: anything but spaces, tabs, newlines and controls. */
const isHrefCharacter = (ch: string) => ch.charCodeAt(0) > 0x1f && ch !== ' ';
const TITLE_CLOSER: Record<string, string> = { '(': ')', '"': '"', "'": "'" };

/**
 * An upper estimate of the steps the link pattern takes at the costliest "](" of the source:
 * for every length of the leading whitespace, every length of the href after it, the trailing
 * whitespace scanned from there and the title attempted after it.
 */
export function linkWhitespaceWork(source: string): number {
  const length = source.length;
  // spaceRun[i]: whitespace characters from i on; hrefRun[i]: href characters from i on;
  // firstNonSpace[i]: where a title could start after i; titleScan[i]: characters a title opened at
  // i scans for its closer.
  const spaceRun = new Int32Array(length + 1);
  const hrefRun = new Int32Array(length + 1);
  const firstNonSpace = new Int32Array(length + 1);
  const titleScan = new Float64Array(length + 1);
  firstNonSpace[length] = length;
  const nextCloser: Record<string, number> = { ')': length, '"': length, "'": length };
  for (let i = length - 1; i >= 0; i -= 1) {
    const ch = source[i];
    const space = isRegexSpace(ch);
    spaceRun[i] = space ? spaceRun[i + 1] + 1 : 0;
    hrefRun[i] = isHrefCharacter(ch) ? hrefRun[i + 1] + 1 : 0;
    firstNonSpace[i] = space ? firstNonSpace[i + 1] : i;
    const closer = TITLE_CLOSER[ch];
    // Read before this character counts as a closer: a quote's title runs to the next quote.
    titleScan[i] = closer === undefined ? 0 : nextCloser[closer] - i;
    if (ch in nextCloser) nextCloser[ch] = i;
  }
  // stepsBefore[i]: the cost of ending the href at each position before i (prefix sums).
  const stepsBefore = new Float64Array(length + 2);
  for (let i = 0; i <= length; i += 1) {
    stepsBefore[i + 1] = stepsBefore[i] + 1 + spaceRun[i] + titleScan[firstNonSpace[i]];
  }
  let costliest = 0;
  for (let at = source.indexOf(']('); at !== -1; at = source.indexOf('](', at + 1)) {
    const start = at + 2;
    let work = 0;
    for (let k = 0; k <= spaceRun[start] && start + k <= length; k += 1) {
      const hrefStart = start + k;
      const hrefEnd = Math.min(length, hrefStart + hrefRun[hrefStart]);
      work += stepsBefore[hrefEnd + 1] - stepsBefore[hrefStart];
    }
    if (work > costliest) costliest = work;
  }
  return costliest;
}
