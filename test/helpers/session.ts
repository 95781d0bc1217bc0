/** Browsing as a member: a supertest agent keeps cookies; forms are submitted with their CSRF token. */
import request from 'supertest';
import type { Express } from 'express';
import { load } from 'cheerio';

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token from the first form on a page. */
export async function csrfTokenFrom(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path);
  const token = load(res.text)('input[name=_csrf]').first().attr('value');
  if (!token) throw new Error(`no CSRF token on ${path} (status ${res.status})`);
  return token;
}

/** Submits a form the way a browser does: fetch the page, then post with its token. */
export async function submitForm(agent: Agent, pagePath: string, action: string, fields: Record<string, string>) {
  const _csrf = await csrfTokenFrom(agent, pagePath);
  return agent.post(action).type('form').send({ ...fields, _csrf });
}

export async function signIn(app: Express, username: string, password: string): Promise<Agent> {
  return (await signInWithCookie(app, username, password)).agent;
}

/** Signs in and also returns the session cookie, to replay it later as an attacker would. */
export async function signInWithCookie(app: Express, username: string, password: string): Promise<{ agent: Agent; cookie: string }> {
  const agent = request.agent(app);
  const res = await submitForm(agent, '/signin', '/signin', { username, password });
  if (res.status !== 303) throw new Error(`sign-in as ${username} failed with ${res.status}`);
  const cookie = sessionCookieOf(res.headers['set-cookie']);
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { agent, cookie };
}

/** The session cookie ("forum.sid=...") an agent currently holds, from a response's Set-Cookie. */
export function sessionCookieOf(setCookie: string[] | string | undefined): string | null {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = cookies.find((value) => value.startsWith('forum.sid='));
  return cookie ? cookie.split(';')[0] : null;
}

/**
 * Posts many forms from one signed-in agent: the session's CSRF token stays the same until the
 * session ends, so it is read once from pagePath instead of before every submission.
 */
export async function formPoster(agent: Agent, pagePath: string) {
  const _csrf = await csrfTokenFrom(agent, pagePath);
  return (action: string, fields: Record<string, string>) => agent.post(action).type('form').send({ ...fields, _csrf });
}
