/** The text a "Quote" prefills: a blockquote that names its author and links to the post. */
import type { Post, Thread } from '../../models';
import { MAX_SOURCE_LENGTH } from '../markdown';
import { postAnchor, postUrl } from '../presenters/urls';
import { escapeMarkdownInline } from '../text/markdown';

export function quoteOf(post: Pick<Post, 'number' | 'source'>, authorName: string, thread: Pick<Thread, 'id' | 'slug'>): string {
  // Leaves room for the reply itself under the 20,000-character limit.
  const body = post.source.length > MAX_SOURCE_LENGTH / 2 ? `${post.source.slice(0, MAX_SOURCE_LENGTH / 2)}…` : post.source;
  const quoted = body
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
  const link = `${postUrl(thread, post.number)}#${postAnchor(post.number)}`;
  return `> **[${escapeMarkdownInline(authorName)} wrote:](${link})**\n>\n${quoted}\n\n`;
}

// The name is escaped (escapeMarkdownInline), so "\\]" may stand inside it.
const QUOTE_LINK = /\[(?:\\.|[^\\\]\n]){1,240} wrote:\]\(\/t\/(\d{1,10})\/[^)\s/]*\/(\d{1,10})#p\d{1,10}\)/g;

/** The posts a source quotes with our "X wrote:" links (at most 20). */
export function quotedPostRefs(source: string): Array<{ threadId: number; number: number }> {
  const refs = new Map<string, { threadId: number; number: number }>();
  for (const match of source.matchAll(QUOTE_LINK)) {
    refs.set(`${match[1]}/${match[2]}`, { threadId: Number(match[1]), number: Number(match[2]) });
    if (refs.size >= 20) break;
  }
  return [...refs.values()];
}
