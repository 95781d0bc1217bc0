/**
 * Indexes for search (server/services/search/).
 *
 * search_words_by_shape: spelling candidates are the vocabulary's words with a given first
 * letter and length, used by at least so many posts (vocabulary.ts). The index has exactly that
 * shape, so each (letter, length) pair is one seek that starts at the frequency asked for: a
 * common word, which only a far more common spelling could replace, costs a few empty seeks, and
 * an unknown word reads only the words of its own shape. It covers the query (word is the key).
 * The same expressions on both databases: substr and length count characters on each.
 *
 * posts_search_filter (SQLite only): each full-text candidate is checked against the filters
 * (hidden, day range, author, thread for board and official answer) and read for its date. From
 * this narrow covering index that is a few cached pages for hundreds of candidates, instead of
 * one page of the wide posts table (source and HTML) each. On PostgreSQL the candidates are read
 * from the table anyway, to match their search vectors.
 *
 * posts_search_vector without fastupdate (PostgreSQL): with it, new posts wait in the GIN
 * index's pending list (up to 4 MB) until a vacuum, and every search reads the whole list. Posts
 * are written far less often than searched, so each insert updates the index itself instead.
 */
import type { QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('CREATE INDEX search_words_by_shape ON search_words ((substr(word, 1, 1)), (length(word)), frequency)');
  if (qi.sequelize.getDialect() !== 'postgres') {
    await qi.sequelize.query('CREATE INDEX posts_search_filter ON posts (id, hidden_at, created_at, thread_id, author_id)');
  } else {
    await qi.sequelize.query('ALTER INDEX posts_search_vector SET (fastupdate = off)');
    await qi.sequelize.query("SELECT gin_clean_pending_list('posts_search_vector')");
  }
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  if (qi.sequelize.getDialect() === 'postgres') await qi.sequelize.query('ALTER INDEX posts_search_vector RESET (fastupdate)');
  await qi.sequelize.query('DROP INDEX IF EXISTS posts_search_filter');
  await qi.sequelize.query('DROP INDEX IF EXISTS search_words_by_shape');
}
