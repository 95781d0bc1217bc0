/**
 * An author filter lists a member's posts, as their profile does, so it follows the profile's
 * privacy: Rafeh G (seeded with a private profile, author of posts 3 and 5 of the rollout thread)
 * can be searched by author only by himself and by staff. For everyone else the filter is left
 * out exactly as an unknown name is: the same results, the same spelling line, no chip.
 */
import request from 'supertest';
import rollout from '../../seeds/data/rollout.json';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { Agent, signIn } from '../helpers/session';

let forum: TestForum;
let threadPath: string;

beforeAll(async () => {
  forum = await createTestForum({ now: new Date('2026-03-10T12:00:00Z') });
  const thread = await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } });
  threadPath = `/t/${thread!.id}/${thread!.slug}`;
});
afterAll(() => forum.destroy());

type Viewer = 'anonymous' | 'MarijaJ' | 'RafehG' | 'AveryO';
const agents = new Map<Viewer, Agent>();

async function agentFor(viewer: Viewer): Promise<Agent> {
  if (!agents.has(viewer)) {
    agents.set(viewer, viewer === 'anonymous' ? request.agent(forum.app) : await signIn(forum.app, viewer, DEVELOPMENT_PASSWORD));
  }
  return agents.get(viewer)!;
}

async function searchAs(viewer: Viewer, query: Record<string, string>) {
  const res = await (await agentFor(viewer)).get('/search').query(query);
  expect(res.status).toBe(200);
  const $ = html(res.text);
  const links = $('.search-result__title a').map((_, e) => $(e).attr('href')).get();
  return {
    links,
    numbers: links.filter((href) => href.startsWith(`${threadPath}/`)).map((href) => Number(/\/(\d+)#p\d+$/.exec(href)![1])).sort((a, b) => a - b),
    summary: $('.search-summary__count').text(),
    spelling: $('.spelling').text().replace(/\s+/g, ' ').trim(),
    chips: $('.search-chip__label').map((_, e) => $(e).text()).get(),
    notices: $('.search-notices li').map((_, e) => $(e).text()).get(),
    authorField: $('#search-author').attr('value'),
    text: res.text,
  };
}

describe.each<Viewer>(['anonymous', 'MarijaJ'])('%s, who may not see Rafeh G’s profile details', (viewer) => {
  it('gets the results of an unknown author’s search, not Rafeh G’s posts', async () => {
    const byRafeh = await searchAs(viewer, { q: 'badge', author: 'RafehG' });
    const byNobody = await searchAs(viewer, { q: 'badge', author: 'NoSuchMember' });
    expect(byRafeh.links).toEqual(byNobody.links);
    expect(byRafeh.summary).toBe(byNobody.summary);
    // Everyone's posts: Rafeh G's and others'.
    expect(byRafeh.numbers).toEqual([1, 2, 3, 5, 6, 7, 9, 10]);
    expect(byRafeh.chips).toEqual([]);
    expect(byRafeh.authorField).toBe('');
    expect(byRafeh.notices).toEqual(['Rafeh G’s profile is private, so posts by everyone were searched.']);
  });

  it('is told nothing by the spelling line either', async () => {
    // Post 3, Rafeh G's, is the only one that says "verfication".
    for (const q of ['verfication', 'webcamm', 'rafeh']) {
      const byRafeh = await searchAs(viewer, { q, author: 'rafehg' });
      const byNobody = await searchAs(viewer, { q, author: 'NoSuchMember' });
      expect({ q, links: byRafeh.links, spelling: byRafeh.spelling, summary: byRafeh.summary }).toEqual({
        q, links: byNobody.links, spelling: byNobody.spelling, summary: byNobody.summary,
      });
    }
  });

  it('gets the same in JSON', async () => {
    const res = await (await agentFor(viewer)).get('/search.json').query({ q: 'badge', author: 'RafehG' }).expect(200);
    expect(res.body.filters.author).toBe('');
    expect(res.body.chips).toEqual([]);
    expect(res.body.results.map((result: { url: string }) => result.url)).toHaveLength(8);
    expect(JSON.stringify(res.body)).not.toContain('/search?q=badge&author=');
  });
});

describe.each<Viewer>(['RafehG', 'AveryO'])('%s, who may see Rafeh G’s profile details', (viewer) => {
  it('searches Rafeh G’s posts only, with the filter as a chip', async () => {
    const found = await searchAs(viewer, { q: 'badge', author: 'RafehG' });
    expect(found.numbers).toEqual([3, 5]);
    expect(found.links).toHaveLength(2);
    expect(found.chips).toEqual(['By Rafeh G']);
    expect(found.authorField).toBe('RafehG');
    expect(found.notices).toEqual([]);
  });

  it('gets the spelling line for Rafeh G’s posts', async () => {
    const found = await searchAs(viewer, { q: 'verfication', author: 'RafehG' });
    expect(found.numbers).toEqual([3]);
    expect(found.spelling).toBe('Did you mean: verification');
  });
});

it('keeps filtering by a member with a public profile for everyone', async () => {
  for (const viewer of ['anonymous', 'MarijaJ'] as const) {
    const found = await searchAs(viewer, { q: 'badge', author: 'WendyC' });
    expect(found.numbers).toEqual([2]);
    expect(found.chips).toEqual(['By Wendy C']);
  }
});
