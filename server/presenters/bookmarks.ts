/** The bookmarks list and one post's bookmark page: one view model for the HTML and its JSON twin. */
import type { BookmarkRow } from '../services/bookmarks';
import { timeView, type TimeView } from './forum';
import { presentAuthor, type AuthorView } from './members';
import { postAnchor, postUrl } from './urls';

export interface BookmarkView {
  postId: number;
  postNumber: number;
  url: string;
  threadTitle: string;
  excerpt: string;
  author: AuthorView | null;
  bookmarkedAt: TimeView;
  reminder: { at: TimeView; sent: boolean } | null;
  manageUrl: string;
}

export function presentBookmark(row: BookmarkRow): BookmarkView {
  return {
    postId: row.post.id,
    postNumber: row.post.number,
    url: `${postUrl(row.thread, row.post.number)}#${postAnchor(row.post.number)}`,
    threadTitle: row.thread.title,
    excerpt: row.post.excerpt,
    author: row.post.author ? presentAuthor(row.post.author) : null,
    bookmarkedAt: timeView(row.createdAt),
    reminder: row.remindAt ? { at: timeView(row.remindAt), sent: row.remindedAt !== null } : null,
    manageUrl: `/posts/${row.post.id}/bookmark`,
  };
}

/** The value of a datetime-local field for a UTC time: "2026-12-03T10:00". */
export function utcInputValue(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16) : '';
}
