/**
 * Where a member may be sent after signing in: only a path on this site.
 *
 * The check looks at the path the way a browser (or a proxy that decodes) will finally read it,
 * not at the text we were given: "/.//evil", "/a/..//evil" and "/%2e%2e//evil" all resolve to
 * "//evil", which a browser reads as another host. So the path is percent-decoded (repeatedly, for
 * double encoding), its dot segments resolved, and it is refused if either the given or the
 * decoded form resolves to anything but a single-slash path on our own origin.
 */

const BASE = 'http://forum.invalid';
const MAX_LENGTH = 2000;
/** Enough for any honest path; more rounds of encoding only hide something. */
const MAX_DECODE_ROUNDS = 3;

// C0 and C1 controls (browsers drop tab/CR/LF inside URLs, so "/\t/evil" would become "//evil"),
// and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The path's percent-decoded form, or null when it does not decode or stays encoded too deep. */
function fullyDecoded(path: string): string | null {
  let current = path;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current.includes('%') && /%[0-9a-f]{2}/i.test(current) ? null : current;
}

/** The resolved form of a path if it stays on our origin as a path with one leading slash. */
function resolvedOnSite(path: string): URL | null {
  const pathPart = path.split(/[?#]/, 1)[0];
  if (!pathPart.startsWith('/') || pathPart.startsWith('//') || pathPart.includes('\\') || CONTROL.test(path)) return null;
  let resolved: URL;
  try {
    resolved = new URL(path, BASE);
  } catch {
    return null;
  }
  if (resolved.origin !== BASE) return null;
  // Dot segments may have produced "//host" or "/\host" from an innocent-looking start.
  if (resolved.pathname.startsWith('//') || resolved.pathname.startsWith('/\\')) return null;
  return resolved;
}

/**
 * Returns the normalised path (with query and fragment) if it stays on this site, else null.
 * Refuses scheme-relative and absolute URLs, backslashes and control characters in any encoding,
 * and anything whose dot segments resolve to another origin.
 */
export function safeReturnPath(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > MAX_LENGTH) return null;
  const resolved = resolvedOnSite(candidate);
  if (!resolved) return null;
  // The path part as a decoding proxy or browser would read it; the query and fragment cannot
  // change the host, and a search for "a/b" or a backslash must survive.
  const pathPart = candidate.split(/[?#]/, 1)[0];
  const decoded = fullyDecoded(pathPart);
  if (decoded === null || !resolvedOnSite(decoded)) return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
