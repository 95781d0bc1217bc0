/** Where a member may be sent after signing in: only a path on this site. */

const BASE = 'http://forum.invalid';

/**
 * Returns the path if it stays on this site, else null. Refuses scheme-relative (//evil),
 * backslash tricks (/\evil), absolute URLs, control characters (CR/LF header injection) and
 * anything that resolves to another origin.
 */
export function safeReturnPath(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 2000) return null;
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return null;
  if (candidate.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return null;
  let resolved: URL;
  try {
    resolved = new URL(candidate, BASE);
  } catch {
    return null;
  }
  if (resolved.origin !== BASE) return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
