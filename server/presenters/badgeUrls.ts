/** The badge pages' URLs, built in one place (views get them as badgeUrls.*). */

/** A member's badge status for staff; `thread` preselects that thread for citing. */
export function badgeLookupUrl(username: string, options: { thread?: number } = {}): string {
  const base = `/staff/badges/${encodeURIComponent(username)}`;
  return options.thread ? `${base}?thread=${options.thread}` : base;
}

export function badgeSearchUrl(query?: string): string {
  return query ? `/staff/badges?q=${encodeURIComponent(query)}` : '/staff/badges';
}

export const MY_BADGE_URL = '/badge';
export const BADGE_POLICY_URL = '/staff/badge-policy';

/** The reply form of a thread with this member's status cited. */
export function citeReplyUrl(threadId: number, username: string): string {
  return `/t/${threadId}/replies/new?cite=${encodeURIComponent(username)}`;
}
