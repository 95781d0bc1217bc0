/**
 * Runs the schema migrations with umzug. Migrations are listed here in order (not globbed), so
 * the same list works from the TypeScript sources and from the compiled dist/.
 */
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as forumCore from './001-forum-core';
import * as accounts from './002-accounts';
import * as posting from './003-posting';
import * as staffTools from './004-staff-tools';
import * as search from './005-search';
import * as badges from './006-badges';
import * as following from './007-following';
import * as boardActivity from './008-board-activity';
import * as rateLimitBackoff from './009-rate-limit-backoff';
import * as nameSkeletons from './010-name-skeletons';
import * as revisionDiffs from './011-revision-diffs';
import * as searchIndexes from './014-search-indexes';
import * as threadVisibility from './016-thread-visibility';
import * as reportsAndSanctions from './017-reports-and-sanctions';
import * as email from './018-email';
import * as questions from './019-questions';
import * as readPositions from './020-read-positions';
import * as kudosSolutionsRanks from './021-kudos-solutions-ranks';
import * as messages from './022-messages';
import * as submissionKeys from './023-submission-keys';
import * as memberFeatures from './024-member-features';
import * as cjkSearch from './025-cjk-search';
import * as queueIndexes from './026-queue-indexes';
import * as heldPostSubmissionKeys from './027-held-post-submission-keys';
import * as notificationsByMember from './028-notifications-by-member';
import * as reviewQueueIndexes from './029-review-queue-indexes';
import * as memberNameLookup from './030-member-name-lookup';
import * as etaOpenUndated from './031-eta-open-undated';

type MigrationFn = (params: { context: QueryInterface }) => Promise<void>;
interface MigrationModule {
  up: MigrationFn;
  down: MigrationFn;
}

const MIGRATIONS: Array<[string, MigrationModule]> = [
  ['001-forum-core', forumCore],
  ['002-accounts', accounts],
  ['003-posting', posting],
  ['004-staff-tools', staffTools],
  ['005-search', search],
  ['006-badges', badges],
  ['007-following', following],
  ['008-board-activity', boardActivity],
  ['009-rate-limit-backoff', rateLimitBackoff],
  ['010-name-skeletons', nameSkeletons],
  ['011-revision-diffs', revisionDiffs],
  ['014-search-indexes', searchIndexes],
  ['016-thread-visibility', threadVisibility],
  ['017-reports-and-sanctions', reportsAndSanctions],
  ['018-email', email],
  ['019-questions', questions],
  ['020-read-positions', readPositions],
  ['021-kudos-solutions-ranks', kudosSolutionsRanks],
  ['022-messages', messages],
  ['023-submission-keys', submissionKeys],
  ['024-member-features', memberFeatures],
  ['025-cjk-search', cjkSearch],
  ['026-queue-indexes', queueIndexes],
  ['027-held-post-submission-keys', heldPostSubmissionKeys],
  ['028-notifications-by-member', notificationsByMember],
  ['029-review-queue-indexes', reviewQueueIndexes],
  ['030-member-name-lookup', memberNameLookup],
  ['031-eta-open-undated', etaOpenUndated],
];

export function createMigrator(sequelize: Sequelize): Umzug<QueryInterface> {
  return new Umzug({
    migrations: MIGRATIONS.map(([name, migration]) => ({
      name,
      up: migration.up,
      down: migration.down,
    })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/** Brings the schema up to date; returns the names of the migrations that ran. */
export async function migrateToLatest(sequelize: Sequelize): Promise<string[]> {
  const ran = await createMigrator(sequelize).up();
  return ran.map((migration) => migration.name);
}
