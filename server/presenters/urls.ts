/** Every URL the forum links to, built in one place. */

interface ThreadRef {
  id: number;
  slug: string;
}

export function boardUrl(slug: string, page = 1): string {
  return page > 1 ? `/b/${encodeURIComponent(slug)}?page=${page}` : `/b/${encodeURIComponent(slug)}`;
}

export function threadUrl(thread: ThreadRef, page = 1): string {
  const base = `/t/${thread.id}/${encodeURIComponent(thread.slug)}`;
  return page > 1 ? `${base}?page=${page}` : base;
}

/** The permalink of post n: it renders the page holding the post. */
export function postUrl(thread: ThreadRef, postNumber: number): string {
  return `/t/${thread.id}/${encodeURIComponent(thread.slug)}/${postNumber}`;
}

/** The element id of post n on a thread page, for #fragments. */
export function postAnchor(postNumber: number): string {
  return `p${postNumber}`;
}

export function memberUrl(username: string): string {
  return `/u/${encodeURIComponent(username)}`;
}

/** The sign-in page, coming back to returnTo afterwards. */
export function signInUrl(returnTo?: string | null): string {
  return returnTo && returnTo !== '/' && !returnTo.startsWith('/signin') && !returnTo.startsWith('/register')
    ? `/signin?next=${encodeURIComponent(returnTo)}`
    : '/signin';
}

export function registerUrl(returnTo?: string | null): string {
  return returnTo && returnTo !== '/' && !returnTo.startsWith('/signin') && !returnTo.startsWith('/register')
    ? `/register?next=${encodeURIComponent(returnTo)}`
    : '/register';
}

export function newThreadUrl(boardSlug: string): string {
  return `/b/${encodeURIComponent(boardSlug)}/threads/new`;
}

export function createThreadUrl(boardSlug: string): string {
  return `/b/${encodeURIComponent(boardSlug)}/threads`;
}

/** The reply form; `to` answers a post, `quote` also quotes it. */
export function replyUrl(threadId: number, options: { to?: number; quote?: number } = {}): string {
  const query = options.quote ? `?quote=${options.quote}` : options.to ? `?to=${options.to}` : '';
  return `/t/${threadId}/replies/new${query}`;
}

export function createReplyUrl(threadId: number): string {
  return `/t/${threadId}/replies`;
}

export function editPostUrl(postId: number): string {
  return `/posts/${postId}/edit`;
}

export function postHistoryUrl(postId: number): string {
  return `/posts/${postId}/history`;
}
