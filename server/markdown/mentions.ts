/**
 * @mentions: "@username" of an existing member becomes a link to their profile when the post is
 * saved. Names that match nobody stay plain text.
 */
import type { TokenizerAndRendererExtension, Tokens } from 'marked';
import { checkRenderBudget } from './limits';

const MENTION_AT_START = /^@([A-Za-z0-9][A-Za-z0-9_.-]{1,29})/;
// An @ that starts a mention: at the start of the text or after something that is not a name
// character (so "mail@example.com" is not a mention). Only the source is shared: a global regex
// object keeps lastIndex between calls (and matchAll starts from it), so one render's position
// once made the next post's mentions invisible. Each use builds its own object.
const MENTION_ANYWHERE = /(^|[^A-Za-z0-9_.@-])@([A-Za-z0-9][A-Za-z0-9_.-]{1,29})/.source;
const NAME_CHARACTER = /^[A-Za-z0-9_.@-]$/;
const mentionsAnywhere = () => new RegExp(MENTION_ANYWHERE, 'g');

/** "LenaE." -> "LenaE": a trailing dot or dash ends the sentence, not the name. */
function trimName(name: string): string {
  return name.replace(/[.-]+$/, '');
}

/** Lower-cased usernames that the source mentions (before checking they exist). */
export function mentionCandidates(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(mentionsAnywhere())) {
    const name = trimName(match[2]);
    if (name.length >= 2) found.add(name.toLowerCase());
  }
  return [...found];
}

/** Lower-cased username -> the member's username as written in their profile address. */
export type Mentionable = ReadonlyMap<string, string>;

interface MentionToken extends Tokens.Generic {
  type: 'mention';
  raw: string;
  username: string;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A marked extension that links the mentions found in `mentionable()` at parse time, and reports
 * each linked member (lower-cased username) to `mentioned`. Its links carry the class `marker()`,
 * a secret of this render that the sanitizer turns into "mention": a member's own
 * `<a class="mention">` cannot know it, so only this linker makes mention links.
 */
export function mentionExtension(
  mentionable: () => Mentionable,
  mentioned: (key: string) => void,
  marker: () => string,
): TokenizerAndRendererExtension {
  return {
    name: 'mention',
    level: 'inline',
    // marked calls this before every run of plain text with the whole rest of the paragraph, so
    // the regex starts at the first "@" (found by indexOf): run from the start each time, it made
    // long text with many formatting characters and no mention quadratic.
    start(src: string) {
      checkRenderBudget();
      const firstAt = src.indexOf('@');
      if (firstAt === -1) return undefined;
      // One character before the "@", which decides whether it starts a mention.
      const pattern = mentionsAnywhere();
      pattern.lastIndex = Math.max(0, firstAt - 1);
      const match = pattern.exec(src);
      return match ? match.index + match[1].length : undefined;
    },
    tokenizer(src: string, tokens): MentionToken | undefined {
      // Not inside a link's text (markdown or an <a> tag): a link in a link is invalid HTML, and
      // browsers would split the member's link around ours.
      if (this.lexer.state.inLink) return undefined;
      // Nor right after a name character ("x@RafehG"), which start() skips but marked's own text
      // tokenizer may stop before.
      if (NAME_CHARACTER.test(tokens.at(-1)?.raw.slice(-1) ?? '')) return undefined;
      const match = MENTION_AT_START.exec(src);
      if (!match) return undefined;
      const name = trimName(match[1]);
      const username = mentionable().get(name.toLowerCase());
      if (!username) return undefined;
      return { type: 'mention', raw: `@${name}`, username };
    },
    renderer(token) {
      const { username } = token as MentionToken;
      mentioned(username.toLowerCase());
      return `<a class="${marker()}" href="/u/${encodeURIComponent(username)}">@${escapeAttribute(username)}</a>`;
    },
  };
}
