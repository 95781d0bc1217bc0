/** Limits that keep a hostile post from crashing or stalling the renderer. */

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
