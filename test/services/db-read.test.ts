/**
 * db.read, the read pages' direct path to the driver, answers what Sequelize's raw SELECT answers
 * for the same SQL and replacements: arrays, dates compared with stored dates, booleans, nulls,
 * quoted text that looks like a replacement, and PostgreSQL casts.
 */
import { QueryTypes } from 'sequelize';
import { bindNamed, sqliteDateText } from '../../server/db/read';
import { createTestForum, TestForum } from '../helpers/forum';

let forum: TestForum;

beforeAll(async () => {
  forum = await createTestForum();
});

afterAll(async () => {
  await forum.destroy();
});

async function both(sql: string, replacements: Record<string, unknown>) {
  const viaSequelize = await forum.db.sequelize.query<Record<string, unknown>>(sql, { replacements, type: QueryTypes.SELECT });
  const direct = await forum.db.read(sql, replacements);
  return { viaSequelize, direct };
}

test('the same rows as Sequelize for arrays, dates, booleans and nulls', async () => {
  const posts = await forum.db.read<{ id: number; created_at: unknown }>('SELECT id, created_at FROM posts ORDER BY id');
  expect(posts.length).toBeGreaterThan(3);
  const ids = posts.slice(0, 3).map((post) => post.id);
  const cases: Array<[string, Record<string, unknown>]> = [
    ['SELECT id, number, html FROM posts WHERE id IN (:ids) ORDER BY id', { ids }],
    ['SELECT COUNT(*) AS n FROM posts WHERE created_at < :at', { at: new Date('2100-01-01T00:00:00Z') }],
    ['SELECT COUNT(*) AS n FROM posts WHERE created_at > :at', { at: new Date(String(posts[1].created_at)) }],
    ['SELECT COUNT(*) AS n FROM members WHERE is_private = :private', { private: true }],
    ['SELECT COUNT(*) AS n FROM posts WHERE (:memberId IS NULL OR author_id = :memberId)', { memberId: null }],
    ["SELECT ':notReplaced' AS text, id FROM posts WHERE id = :id", { id: ids[0] }],
    // Beyond an integer column's range ("no upper bound" cursors): PostgreSQL would refuse it as a parameter.
    ['SELECT COUNT(*) AS n FROM posts WHERE id < :before', { before: Number.MAX_SAFE_INTEGER }],
  ];
  for (const [sql, replacements] of cases) {
    const { viaSequelize, direct } = await both(sql, replacements);
    expect(direct).toEqual(viaSequelize);
  }
});

test('an empty list matches nothing (Sequelize writes IN (), which PostgreSQL refuses)', async () => {
  expect(await forum.db.read('SELECT id FROM posts WHERE id IN (:ids)', { ids: [] })).toEqual([]);
});

test('a member-typed value is bound, never spliced into the SQL', async () => {
  const hostile = "x' OR '1'='1";
  const rows = await forum.db.read('SELECT id FROM members WHERE username = :name', { name: hostile });
  expect(rows).toEqual([]);
});

test('a missing replacement is an error, not a silent NULL', async () => {
  await expect(forum.db.read('SELECT id FROM posts WHERE id = :id', {})).rejects.toThrow(/:id/);
});

test('binding: placeholders per dialect, arrays expanded, casts and quotes left alone', () => {
  expect(bindNamed("SELECT :a, ':b', x::text FROM t WHERE y IN (:list)", { a: 1, list: [2, 3] }, 'postgres')).toEqual({
    text: "SELECT $1, ':b', x::text FROM t WHERE y IN ($2, $3)",
    values: [1, 2, 3],
    prepare: true,
  });
  expect(bindNamed('SELECT :a WHERE z IN (:none) AND d < :d AND f = :f', { a: 'x', none: [], d: new Date(Date.UTC(2026, 11, 2, 3, 4, 5, 6)), f: false }, 'sqlite')).toEqual({
    text: 'SELECT ? WHERE z IN (NULL) AND d < ? AND f = ?',
    values: ['x', '2026-12-02 03:04:05.006 +00:00', 0],
    prepare: true,
  });
  expect(sqliteDateText(new Date(Date.UTC(2026, 0, 9, 23, 59, 59, 999)))).toBe('2026-01-09 23:59:59.999 +00:00');
});

it('binds the same SQL again with other shapes of values (array lengths, NULLs, literal numbers) correctly', () => {
  const sql = 'SELECT 1 FROM t WHERE a = :a AND b IN (:ids) AND c < :c';
  const big = 9_007_199_254_740_991;
  const cases: Array<[Record<string, unknown>, string, unknown[]]> = [
    [{ a: 1, ids: [2, 3], c: 4 }, 'SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3) AND c < $4', [1, 2, 3, 4]],
    [{ a: null, ids: [2], c: 4 }, 'SELECT 1 FROM t WHERE a = NULL AND b IN ($1) AND c < $2', [2, 4]],
    [{ a: 1, ids: [], c: big }, `SELECT 1 FROM t WHERE a = $1 AND b IN (NULL) AND c < ${big}`, [1]],
    [{ a: 5, ids: [6, 7], c: 8 }, 'SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3) AND c < $4', [5, 6, 7, 8]],
    [{ a: 1, ids: [], c: big - 1 }, `SELECT 1 FROM t WHERE a = $1 AND b IN (NULL) AND c < ${big - 1}`, [1]],
  ];
  // Twice over: the second round is served from the parsed-text cache.
  for (const round of [1, 2]) {
    for (const [replacements, text, values] of cases) expect({ round, ...bindNamed(sql, replacements, 'postgres') }).toEqual({ round, text, values, prepare: true });
  }
  expect(bindNamed(sql, { a: 1, ids: [2, 3], c: 4 }, 'sqlite')).toEqual({ text: 'SELECT 1 FROM t WHERE a = ? AND b IN (?, ?) AND c < ?', values: [1, 2, 3, 4], prepare: true });
  expect(() => bindNamed(sql, { a: 1, ids: [] }, 'sqlite')).toThrow('no replacement for :c');
});

describe('prepared statements stay bounded whatever values arrive', () => {
  // One SQL text read with 150 IN-list lengths: 150 shapes, more than the 64 kept per text.
  const sql = "SELECT id FROM posts WHERE 'bounded-shapes' <> '' AND id IN (:ids) ORDER BY id";
  const lengths = Array.from({ length: 150 }, (_, i) => i + 1);

  it('prepares only the kept shapes of a text; the rest run unprepared', () => {
    const prepared = lengths.map((n) => bindNamed(sql, { ids: Array.from({ length: n }, (_, i) => i) }, 'sqlite').prepare);
    expect(prepared.filter(Boolean)).toHaveLength(64);
    expect(prepared.slice(0, 64).every(Boolean)).toBe(true);
    // A kept shape read again is still prepared.
    expect(bindNamed(sql, { ids: [1] }, 'sqlite').prepare).toBe(true);
  });

  it('answers every shape correctly, and PostgreSQL keeps no more than the kept shapes per connection', async () => {
    const posts = await forum.db.read<{ id: number }>('SELECT id FROM posts ORDER BY id LIMIT 3');
    const ids = posts.map((post) => post.id);
    for (const n of lengths) {
      // The real ids, padded with ids no post has, to make the list n long.
      const real = ids.slice(0, Math.min(n, ids.length));
      const list = [...real, ...Array.from({ length: n - real.length }, (_, i) => -1 - i)];
      const rows = await forum.db.read<{ id: number }>(sql.replace('bounded-shapes', 'bounded-read'), { ids: list });
      expect(rows.map((row) => row.id)).toEqual(real);
    }
    if (forum.db.dialect !== 'postgres') return;
    // (The pattern is split so that this statement, prepared too, does not count itself.)
    for (let i = 0; i < 5; i += 1) {
      const [row] = await forum.db.read<{ n: number | string }>("SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%bounded' || '-read%'");
      expect(Number(row.n)).toBeLessThanOrEqual(64);
    }
  });
});
