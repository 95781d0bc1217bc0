/**
 * CJK search (server/services/search/cjk.ts): the text of every post with Chinese, Japanese or
 * Korean characters (its thread's title first, for post 1) in a trigram index, so a CJK word is
 * found as a substring; the word indexes of 005-search.ts never split CJK text into words. Only
 * posts with CJK characters are held, so the index stays as small as their share of the forum.
 *
 * SQLite (3.34 or later): an FTS5 table with the trigram tokenizer, search_cjk_posts (rowid = post
 * id), kept by triggers like 005's. PostgreSQL: posts.search_cjk (the text, NULL without CJK), set
 * by a trigger, with a partial GIN trigram index (pg_trgm, a trusted extension) and a partial
 * index on id for reading the newest such posts.
 *
 * Neither database can ask for a Unicode script, so "has CJK characters" is a character class of
 * these ranges (GLOB on SQLite, a regular expression on PostgreSQL). They hold every letter, mark
 * and digit of the scripts the service matches (\p{scx=Han|Hiragana|Katakana|Hangul}; a unit test
 * checks every code point).
 */
import type { QueryInterface } from 'sequelize';

export const CJK_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x11ff], // Hangul Jamo
  [0x2e80, 0x2fdf], // CJK and Kangxi radicals
  [0x3005, 0x3007], // 々 〆 〇
  [0x3021, 0x302f], // Hangzhou numerals, tone marks
  [0x3031, 0x303c], // kana repeat marks, 〻 〼
  [0x3040, 0x30ff], // Hiragana, Katakana
  [0x3130, 0x318f], // Hangul compatibility Jamo
  [0x3190, 0x31ff], // Kanbun, CJK strokes, Katakana phonetic extensions
  [0x3200, 0x33ff], // enclosed and compatibility CJK
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7ff], // Hangul syllables, Jamo extended B
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xff66, 0xffdc], // halfwidth Katakana and Hangul
  [0x16fe0, 0x16fff], // ideographic symbols
  [0x1aff0, 0x1b16f], // Kana extended and supplement
  [0x1d360, 0x1d37f], // counting rod numerals
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x3ffff], // CJK extensions B and later, compatibility supplement
];

/** The ranges as a bracket expression, the same for GLOB and for a PostgreSQL regular expression. */
export function cjkCharacterClass(): string {
  const character = (codePoint: number) => String.fromCodePoint(codePoint);
  return `[${CJK_RANGES.map(([first, last]) => `${character(first)}-${character(last)}`).join('')}]`;
}

type Statements = string[];

// ---------------------------------------------------------------- SQLite

// The indexed text of post `row`: its thread's title (post 1 only) and a space, then the body.
const sqliteText = (row: 'new' | 'old') =>
  `coalesce((SELECT title || ' ' FROM threads WHERE id = ${row}.thread_id AND ${row}.number = 1), '') || ${row}.source`;

const sqliteUp = (): Statements => {
  const hasCjk = `GLOB '*${cjkCharacterClass()}*'`;
  return [
    // Stores its own copy of the text: a short word is matched by LIKE on it, for the newest posts.
    `CREATE VIRTUAL TABLE search_cjk_posts USING fts5(text, tokenize = 'trigram')`,
    `INSERT INTO search_cjk_posts (rowid, text)
       SELECT id, text FROM (SELECT p.id, CASE WHEN p.number = 1 THEN t.title || ' ' ELSE '' END || p.source AS text
                             FROM posts p JOIN threads t ON t.id = p.thread_id) AS indexed
       WHERE text ${hasCjk}`,
    `CREATE TRIGGER search_cjk_post_inserted AFTER INSERT ON posts WHEN (${sqliteText('new')}) ${hasCjk} BEGIN
      INSERT INTO search_cjk_posts (rowid, text) VALUES (new.id, ${sqliteText('new')});
    END`,
    `CREATE TRIGGER search_cjk_post_changed AFTER UPDATE OF source, thread_id, number ON posts
     WHEN old.source IS NOT new.source OR old.thread_id IS NOT new.thread_id OR old.number IS NOT new.number BEGIN
      DELETE FROM search_cjk_posts WHERE rowid = old.id;
      INSERT INTO search_cjk_posts (rowid, text) SELECT new.id, text FROM (SELECT ${sqliteText('new')} AS text) WHERE text ${hasCjk};
    END`,
    `CREATE TRIGGER search_cjk_post_deleted AFTER DELETE ON posts BEGIN
      DELETE FROM search_cjk_posts WHERE rowid = old.id;
    END`,
    `CREATE TRIGGER search_cjk_thread_retitled AFTER UPDATE OF title ON threads WHEN old.title IS NOT new.title BEGIN
      DELETE FROM search_cjk_posts WHERE rowid IN (SELECT id FROM posts WHERE thread_id = new.id AND number = 1);
      INSERT INTO search_cjk_posts (rowid, text)
        SELECT id, text FROM (SELECT id, new.title || ' ' || source AS text FROM posts WHERE thread_id = new.id AND number = 1)
        WHERE text ${hasCjk};
    END`,
  ];
};

const SQLITE_DOWN: Statements = [
  'DROP TRIGGER IF EXISTS search_cjk_thread_retitled',
  'DROP TRIGGER IF EXISTS search_cjk_post_deleted',
  'DROP TRIGGER IF EXISTS search_cjk_post_changed',
  'DROP TRIGGER IF EXISTS search_cjk_post_inserted',
  'DROP TABLE IF EXISTS search_cjk_posts',
];

// ------------------------------------------------------------ PostgreSQL

const postgresUp = (): Statements => [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  'ALTER TABLE posts ADD COLUMN search_cjk text',
  // search_title_of (005) is the thread's title for post 1, NULL otherwise; concat_ws skips NULL.
  `CREATE FUNCTION search_cjk_of(title_text text, body_text text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
     SELECT CASE WHEN concat_ws(' ', title_text, body_text) ~ '${cjkCharacterClass()}' THEN concat_ws(' ', title_text, body_text) END
   $$`,
  `CREATE FUNCTION search_post_cjk() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.search_cjk := search_cjk_of(search_title_of(NEW.thread_id, NEW.number), NEW.source);
     RETURN NEW;
   END $$`,
  `CREATE FUNCTION search_cjk_thread_retitled() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.title IS DISTINCT FROM OLD.title THEN
       UPDATE posts SET search_cjk = search_cjk_of(NEW.title, source) WHERE thread_id = NEW.id AND number = 1;
     END IF;
     RETURN NULL;
   END $$`,
  // Existing posts: only those with CJK text are written.
  `UPDATE posts SET search_cjk = search_cjk_of(search_title_of(thread_id, number), source)
   WHERE search_cjk_of(search_title_of(thread_id, number), source) IS NOT NULL`,
  // Without fastupdate, like posts_search_vector (014): no pending list for every search to read.
  `CREATE INDEX posts_search_cjk ON posts USING gin (search_cjk gin_trgm_ops) WITH (fastupdate = off) WHERE search_cjk IS NOT NULL`,
  'CREATE INDEX posts_search_cjk_recent ON posts (id) WHERE search_cjk IS NOT NULL',
  `CREATE TRIGGER search_post_cjk BEFORE INSERT OR UPDATE OF source, thread_id, number ON posts
     FOR EACH ROW EXECUTE FUNCTION search_post_cjk()`,
  `CREATE TRIGGER search_cjk_thread_retitled AFTER UPDATE OF title ON threads
     FOR EACH ROW EXECUTE FUNCTION search_cjk_thread_retitled()`,
];

// pg_trgm stays: other schema may come to use it, and removing an extension is the owner's call.
const POSTGRES_DOWN: Statements = [
  'DROP TRIGGER IF EXISTS search_cjk_thread_retitled ON threads',
  'DROP TRIGGER IF EXISTS search_post_cjk ON posts',
  'DROP FUNCTION IF EXISTS search_cjk_thread_retitled()',
  'DROP FUNCTION IF EXISTS search_post_cjk()',
  'DROP FUNCTION IF EXISTS search_cjk_of(text, text)',
  'DROP INDEX IF EXISTS posts_search_cjk_recent',
  'DROP INDEX IF EXISTS posts_search_cjk',
  'ALTER TABLE posts DROP COLUMN IF EXISTS search_cjk',
];

async function run(qi: QueryInterface, statements: Statements): Promise<void> {
  for (const sql of statements) await qi.sequelize.query(sql);
}

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await run(qi, qi.sequelize.getDialect() === 'postgres' ? postgresUp() : sqliteUp());
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await run(qi, qi.sequelize.getDialect() === 'postgres' ? POSTGRES_DOWN : SQLITE_DOWN);
}
