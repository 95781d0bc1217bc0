/** Every URL the forum links to, built in one place. */

interface ThreadRef {
  id: number;
  slug: string;
}

export function boardUrl(slug: string, page = 1): string {
  return page > 1 ? `/b/${encodeURIComponent(slug)}?page=${page}` : `/b/${encodeURIComponent(slug)}`;
}

/** A keyset place in a board's list (read/boardPages BoardPlace): ?after= older, ?before= newer, ?oldest the last page. */
export function boardPlaceUrl(slug: string, place: { kind: 'older' | 'newer'; than: { at: Date; id: number } } | { kind: 'oldest' }): string {
  if (place.kind === 'oldest') return `${boardUrl(slug)}?oldest`;
  return `${boardUrl(slug)}?${place.kind === 'older' ? 'after' : 'before'}=${place.than.at.getTime()}-${place.than.id}`;
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

/** A stored avatar image; the version in the name makes it cacheable for ever. */
export function avatarUrl(memberId: number, size: number, etag: string): string {
  return `/avatars/${memberId}/${size}-${etag}.webp`;
}

export function memberUrl(username: string): string {
  return `/u/${encodeURIComponent(username)}`;
}

/** A search; only the parameters given appear in the URL, in a stable order. */
export interface SearchUrlParams {
  q: string;
  board?: string | null;
  author?: string | null;
  staff?: boolean;
  official?: boolean;
  from?: string | null;
  to?: string | null;
  sort?: 'relevance' | 'newest' | 'kudos';
  page?: number;
  exact?: boolean;
}

export function searchUrl(params: SearchUrlParams): string {
  const query = new URLSearchParams({ q: params.q });
  if (params.board) query.set('board', params.board);
  if (params.author) query.set('author', params.author);
  if (params.staff) query.set('staff', '1');
  if (params.official) query.set('official', '1');
  if (params.from) query.set('from', params.from);
  if (params.to) query.set('to', params.to);
  if (params.sort === 'newest' || params.sort === 'kudos') query.set('sort', params.sort);
  if (params.page && params.page > 1) query.set('page', String(params.page));
  if (params.exact) query.set('exact', '1');
  return `/search?${query.toString()}`;
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
