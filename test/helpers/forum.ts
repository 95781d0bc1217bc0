/** A seeded forum app for HTTP tests, plus small factories. */
import { load, CheerioAPI } from 'cheerio';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { Config, loadConfig } from '../../server/config';
import type { Database } from '../../server/db';
import type { Role } from '../../models';
import { seedDatabase } from '../../seeds';
import rollout from '../../seeds/data/rollout.json';
import { createBoard } from '../../server/services/boards';
import { createMember } from '../../server/services/members';
import { createTestDatabase, TestDatabase } from './db';

export interface TestForum extends TestDatabase {
  app: Express;
  config: Config;
}

/** A migrated, seeded database and an app on it. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test' }), ...overrides };
}

export async function createTestForum(options: { seed?: boolean; now?: Date; config?: Partial<Config> } = {}): Promise<TestForum> {
  const database = await createTestDatabase();
  const config = testConfig(options.config);
  if (options.seed !== false) await seedDatabase(database.db, { now: options.now, config });
  const app = createApp({ db: database.db, config });
  return { ...database, app, config };
}

export function html(text: string): CheerioAPI {
  return load(text);
}

let counter = 0;

export async function makeMember(db: Database, overrides: { username?: string; role?: Role; isPrivate?: boolean; displayName?: string } = {}) {
  counter += 1;
  const username = overrides.username ?? `member${counter}`;
  return createMember(db, {
    username,
    displayName: overrides.displayName ?? `Member ${counter}`,
    role: overrides.role ?? 'contributor',
    isPrivate: overrides.isPrivate ?? false,
    memberSince: '2020-01-15',
  });
}

export async function makeBoard(db: Database, slug?: string) {
  counter += 1;
  return createBoard(db, { slug: slug ?? `board-${counter}`, name: `Board ${counter}`, description: 'A test board' });
}

/** The seeded rollout thread's id and address. */
export async function rolloutThread(forum: TestDatabase): Promise<{ threadId: number; threadPath: string }> {
  const thread = await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } });
  if (!thread) throw new Error('the rollout thread is not seeded');
  return { threadId: thread.id, threadPath: `/t/${thread.id}/${thread.slug}` };
}
