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
