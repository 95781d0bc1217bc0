/**
 * A member's browser, reduced to what the command-line tools need: one session cookie, the CSRF
 * token printed in the forms, and form posts whose redirects are read rather than followed (a 303
 * is the forum's acknowledgement that a write was saved).
 */
import { DEVELOPMENT_PASSWORD } from '../server/config';

export interface Answer {
  status: number;
  location: string | null;
  text: string;
}

const REQUEST_TIMEOUT_MS = 15_000;

export class ForumClient {
  private cookie: string | null = null;
  private csrfToken: string | null = null;

  constructor(readonly baseUrl: string, readonly username: string) {}

  /** One request; network failures (the server is down) reject. */
  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.Cookie = this.cookie;
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const setCookie = res.headers.getSetCookie().find((cookie) => cookie.startsWith('forum.sid='));
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  private static tokenIn(page: string): string | null {
    return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? null;
  }

  /** Signs in with the development password (seeded members outside production). */
  async signIn(password = DEVELOPMENT_PASSWORD): Promise<void> {
    const form = await this.request('GET', '/signin');
    const token = ForumClient.tokenIn(form.text);
    if (!token) throw new Error(`no sign-in form (status ${form.status})`);
    const res = await this.request('POST', '/signin', { username: this.username, password, _csrf: token });
    if (res.status !== 303) throw new Error(`sign-in as ${this.username} answered ${res.status}`);
    // Sign-in starts a new session with a token of its own.
    const settings = await this.request('GET', '/settings');
    this.csrfToken = ForumClient.tokenIn(settings.text);
    if (!this.csrfToken) throw new Error(`no form on /settings after signing in (status ${settings.status})`);
  }

  get signedIn(): boolean {
    return this.csrfToken !== null;
  }

  /** Posts a form with the session's token. */
  post(path: string, fields: Record<string, string>): Promise<Answer> {
    if (!this.csrfToken) throw new Error('sign in first');
    return this.request('POST', path, { ...fields, _csrf: this.csrfToken });
  }
}

/** Thread id and post number from an acknowledgement such as "/t/12/some-title/7#p7". */
export function postAddress(location: string): { threadId: number; number: number } | null {
  const match = /^\/t\/(\d+)\/[^/]*\/(\d+)#p\d+$/.exec(location);
  return match ? { threadId: Number(match[1]), number: Number(match[2]) } : null;
}
