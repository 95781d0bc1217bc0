/**
 * Search: a full-text index of posts (post 1 also carries its thread's title) and a vocabulary of
 * the words in them with how many posts use each, for spelling suggestions. Triggers keep both in
 * step with every write, so no service has to remember them; hidden posts and moved threads are
 * handled when searching. SQLite: FTS5. PostgreSQL: a weighted tsvector column with a GIN index.
 */
import type { QueryInterface } from 'sequelize';

type Statements = string[];

// ---------------------------------------------------------------- SQLite

// The text of post `row` as the index sees it: its thread's title (post 1 only), then the body.
const sqliteTitle = (row: 'new' | 'old') =>
  `coalesce((SELECT title FROM threads WHERE id = ${row}.thread_id AND ${row}.number = 1), '')`;

/**
 * The vocabulary counts in how many posts each word appears. SQLite triggers cannot split text
 * into words, but an FTS5 table can: the old text goes into a scratch table as row 1, the new as
 * row 2, and the scratch table's own term list gives the words that came or went. Words are kept
 * unstemmed (suggestions must be real words) and only when 3 to 40 letters long without digits.
 */
const SQLITE_APPLY_WORD_CHANGES = `
    INSERT INTO search_words (word, frequency)
      SELECT term, max(doc = 2) - max(doc = 1) FROM search_scratch_terms
      WHERE length(term) BETWEEN 3 AND 40 AND term NOT GLOB '*[0-9]*'
      GROUP BY term HAVING max(doc = 2) <> max(doc = 1)
      ON CONFLICT (word) DO UPDATE SET frequency = frequency + excluded.frequency;
    DELETE FROM search_words WHERE frequency <= 0 AND word IN (SELECT term FROM search_scratch_terms);
    INSERT INTO search_scratch (search_scratch) VALUES ('delete-all');`;

const SQLITE_UP: Statements = [
  // Stores its own copy of the text, so snippets work and a row is replaced by rowid alone.
  `CREATE VIRTUAL TABLE search_posts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')`,
  `CREATE TABLE search_words (word TEXT NOT NULL PRIMARY KEY, frequency INTEGER NOT NULL) WITHOUT ROWID`,
  `CREATE VIRTUAL TABLE search_scratch USING fts5(doc, content = '', tokenize = 'unicode61 remove_diacritics 0')`,
  `CREATE VIRTUAL TABLE search_scratch_terms USING fts5vocab(search_scratch, instance)`,

  // Existing posts, then the vocabulary of all of them in one pass over the scratch table.
  `INSERT INTO search_posts (rowid, title, body)
     SELECT p.id, CASE WHEN p.number = 1 THEN t.title ELSE '' END, p.source FROM posts p JOIN threads t ON t.id = p.thread_id`,
  `INSERT INTO search_scratch (rowid, doc) SELECT rowid, title || ' ' || body FROM search_posts`,
  `CREATE VIRTUAL TABLE search_scratch_rows USING fts5vocab(search_scratch, row)`,
  `INSERT INTO search_words (word, frequency)
     SELECT term, doc FROM search_scratch_rows WHERE length(term) BETWEEN 3 AND 40 AND term NOT GLOB '*[0-9]*'`,
  `DROP TABLE search_scratch_rows`,
  `INSERT INTO search_scratch (search_scratch) VALUES ('delete-all')`,

  `CREATE TRIGGER search_post_inserted AFTER INSERT ON posts BEGIN
    INSERT INTO search_posts (rowid, title, body) VALUES (new.id, ${sqliteTitle('new')}, new.source);
    INSERT INTO search_scratch (rowid, doc) VALUES (2, ${sqliteTitle('new')} || ' ' || new.source);
    ${SQLITE_APPLY_WORD_CHANGES}
  END`,
  `CREATE TRIGGER search_post_changed AFTER UPDATE OF source, thread_id, number ON posts
   WHEN old.source IS NOT new.source OR old.thread_id IS NOT new.thread_id OR old.number IS NOT new.number BEGIN
    UPDATE search_posts SET title = ${sqliteTitle('new')}, body = new.source WHERE rowid = new.id;
    INSERT INTO search_scratch (rowid, doc) VALUES
      (1, ${sqliteTitle('old')} || ' ' || old.source), (2, ${sqliteTitle('new')} || ' ' || new.source);
    ${SQLITE_APPLY_WORD_CHANGES}
  END`,
  `CREATE TRIGGER search_post_deleted AFTER DELETE ON posts BEGIN
    DELETE FROM search_posts WHERE rowid = old.id;
    INSERT INTO search_scratch (rowid, doc) VALUES (1, ${sqliteTitle('old')} || ' ' || old.source);
    ${SQLITE_APPLY_WORD_CHANGES}
  END`,
  `CREATE TRIGGER search_thread_retitled AFTER UPDATE OF title ON threads WHEN old.title IS NOT new.title BEGIN
    UPDATE search_posts SET title = new.title WHERE rowid IN (SELECT id FROM posts WHERE thread_id = new.id AND number = 1);
    INSERT INTO search_scratch (rowid, doc) SELECT 1, old.title || ' ' || source FROM posts WHERE thread_id = new.id AND number = 1;
    INSERT INTO search_scratch (rowid, doc) SELECT 2, new.title || ' ' || source FROM posts WHERE thread_id = new.id AND number = 1;
    ${SQLITE_APPLY_WORD_CHANGES}
  END`,
];

const SQLITE_DOWN: Statements = [
  'DROP TRIGGER IF EXISTS search_thread_retitled',
  'DROP TRIGGER IF EXISTS search_post_deleted',
  'DROP TRIGGER IF EXISTS search_post_changed',
  'DROP TRIGGER IF EXISTS search_post_inserted',
  'DROP TABLE IF EXISTS search_scratch_terms',
  'DROP TABLE IF EXISTS search_scratch',
  'DROP TABLE IF EXISTS search_words',
  'DROP TABLE IF EXISTS search_posts',
];

// ------------------------------------------------------------ PostgreSQL

const POSTGRES_UP: Statements = [
  `ALTER TABLE posts ADD COLUMN search_vector tsvector`,
  // "C" collation: word ranges ("every word starting with v") are plain byte ranges on the key.
  `CREATE TABLE search_words (word text COLLATE "C" NOT NULL PRIMARY KEY, frequency integer NOT NULL)`,

  `CREATE FUNCTION search_title_of(post_thread integer, post_number integer) RETURNS text LANGUAGE sql STABLE AS $$
     SELECT CASE WHEN post_number = 1 THEN (SELECT title FROM threads WHERE id = post_thread) END
   $$`,
  // Title words weigh more than body words when ranking.
  `CREATE FUNCTION search_vector_of(title_text text, body_text text) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
     SELECT setweight(to_tsvector('english', coalesce(title_text, '')), 'A') || setweight(to_tsvector('english', coalesce(body_text, '')), 'D')
   $$`,
  // The distinct words of a text, lower-cased and unstemmed: words and parts of hyphenated words
  // only (no numbers, addresses or tags), 3 to 40 letters long.
  `CREATE FUNCTION search_words_of(content text) RETURNS SETOF text LANGUAGE sql STABLE AS $$
     SELECT DISTINCT lower(token) FROM ts_parse('default', coalesce(content, ''))
     WHERE tokid IN (1, 2, 10, 11) AND char_length(token) BETWEEN 3 AND 40
   $$`,
  // Words are upserted in sorted order, so concurrent writers lock shared rows in the same order.
  `CREATE FUNCTION search_words_change(old_text text, new_text text) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE emptied text[];
   BEGIN
     WITH delta AS (
       SELECT word, sum(change) AS change FROM (
         SELECT word, -1 AS change FROM search_words_of(old_text) AS old_words(word)
         UNION ALL SELECT word, 1 FROM search_words_of(new_text) AS new_words(word)) changes
       GROUP BY word HAVING sum(change) <> 0
     ), applied AS (
       INSERT INTO search_words AS sw (word, frequency) SELECT word, change FROM delta ORDER BY word
       ON CONFLICT (word) DO UPDATE SET frequency = sw.frequency + excluded.frequency
       RETURNING sw.word, sw.frequency
     )
     SELECT array_agg(word) INTO emptied FROM applied WHERE frequency <= 0;
     IF emptied IS NOT NULL THEN
       DELETE FROM search_words WHERE word = ANY (emptied) AND frequency <= 0;
     END IF;
   END $$`,

  `CREATE FUNCTION search_post_vector() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.search_vector := search_vector_of(search_title_of(NEW.thread_id, NEW.number), NEW.source);
     RETURN NEW;
   END $$`,
  `CREATE FUNCTION search_post_words() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       PERFORM search_words_change(NULL, concat_ws(' ', search_title_of(NEW.thread_id, NEW.number), NEW.source));
     ELSIF TG_OP = 'DELETE' THEN
       PERFORM search_words_change(concat_ws(' ', search_title_of(OLD.thread_id, OLD.number), OLD.source), NULL);
     ELSIF (OLD.source, OLD.thread_id, OLD.number) IS DISTINCT FROM (NEW.source, NEW.thread_id, NEW.number) THEN
       PERFORM search_words_change(
         concat_ws(' ', search_title_of(OLD.thread_id, OLD.number), OLD.source),
         concat_ws(' ', search_title_of(NEW.thread_id, NEW.number), NEW.source));
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION search_thread_retitled() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.title IS DISTINCT FROM OLD.title THEN
       UPDATE posts SET search_vector = search_vector_of(NEW.title, source) WHERE thread_id = NEW.id AND number = 1;
       PERFORM search_words_change(concat_ws(' ', OLD.title, source), concat_ws(' ', NEW.title, source))
         FROM posts WHERE thread_id = NEW.id AND number = 1;
     END IF;
     RETURN NULL;
   END $$`,

  // Existing posts, before the triggers exist (so nothing is counted twice).
  `UPDATE posts SET search_vector = search_vector_of(search_title_of(thread_id, number), source)`,
  `INSERT INTO search_words (word, frequency)
     SELECT word, count(*) FROM posts, search_words_of(concat_ws(' ', search_title_of(thread_id, number), source)) AS words(word)
     GROUP BY word`,
  `CREATE INDEX posts_search_vector ON posts USING gin (search_vector)`,

  `CREATE TRIGGER search_post_vector BEFORE INSERT OR UPDATE OF source, thread_id, number ON posts
     FOR EACH ROW EXECUTE FUNCTION search_post_vector()`,
  `CREATE TRIGGER search_post_words AFTER INSERT OR UPDATE OF source, thread_id, number OR DELETE ON posts
     FOR EACH ROW EXECUTE FUNCTION search_post_words()`,
  `CREATE TRIGGER search_thread_retitled AFTER UPDATE OF title ON threads
     FOR EACH ROW EXECUTE FUNCTION search_thread_retitled()`,
];

const POSTGRES_DOWN: Statements = [
  'DROP TRIGGER IF EXISTS search_thread_retitled ON threads',
  'DROP TRIGGER IF EXISTS search_post_words ON posts',
  'DROP TRIGGER IF EXISTS search_post_vector ON posts',
  'DROP FUNCTION IF EXISTS search_thread_retitled()',
  'DROP FUNCTION IF EXISTS search_post_words()',
  'DROP FUNCTION IF EXISTS search_post_vector()',
  'DROP FUNCTION IF EXISTS search_words_change(text, text)',
  'DROP FUNCTION IF EXISTS search_words_of(text)',
  'DROP FUNCTION IF EXISTS search_vector_of(text, text)',
  'DROP FUNCTION IF EXISTS search_title_of(integer, integer)',
  'DROP TABLE IF EXISTS search_words',
  'ALTER TABLE posts DROP COLUMN IF EXISTS search_vector',
];

async function run(qi: QueryInterface, statements: Statements): Promise<void> {
  for (const sql of statements) await qi.sequelize.query(sql);
}

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await run(qi, qi.sequelize.getDialect() === 'postgres' ? POSTGRES_UP : SQLITE_UP);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await run(qi, qi.sequelize.getDialect() === 'postgres' ? POSTGRES_DOWN : SQLITE_DOWN);
}
