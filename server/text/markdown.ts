/**
 * Member text placed inside markdown the server writes (a quote's "X wrote:", a badge citation's
 * "Hi X,") must stay the text it is. CommonMark lets a backslash escape any ASCII punctuation and
 * every markdown construct (links, emphasis, code, HTML, autolinks, @mentions, entities) starts
 * with one, so escaping all of it is simpler and safer than guessing which ones matter.
 */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Escapes text for an inline position in markdown; line breaks become spaces. */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(ASCII_PUNCTUATION, (character) => `\\${character}`);
}
