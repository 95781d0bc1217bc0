/**
 * The sqlite3 module as Sequelize should load it: every connection it opens waits for a lock
 * (busy timeout) instead of failing at once with SQLITE_BUSY, and uses WAL journaling so readers
 * never block the writer.
 */
import sqlite3 from 'sqlite3';

const BUSY_TIMEOUT_MS = 10_000;

type OpenCallback = (err: Error | null) => void;

class ForumSqliteDatabase extends sqlite3.Database {
  constructor(filename: string, mode?: number | OpenCallback, callback?: OpenCallback) {
    const done: OpenCallback | undefined = typeof mode === 'function' ? mode : callback;
    const openMode = typeof mode === 'number' ? mode : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    super(filename, openMode, (err: Error | null) => {
      if (!err) {
        this.configure('busyTimeout', BUSY_TIMEOUT_MS);
        // Queued before any statement Sequelize sends, because sqlite3 runs them in order.
        this.run('PRAGMA journal_mode = WAL');
        this.run('PRAGMA synchronous = NORMAL');
        this.run('PRAGMA foreign_keys = ON');
      }
      done?.(err);
    });
  }
}

export const sqliteDriver = { ...sqlite3, Database: ForumSqliteDatabase };

/**
 * A read-only connection for SELECTs outside transactions. WAL lets any number of them read
 * while the single writer writes; each sees every transaction committed before its statement.
 */
export function openReader(filename: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const reader = new sqlite3.Database(filename, sqlite3.OPEN_READONLY, (err: Error | null) => {
      if (err) {
        reject(err);
        return;
      }
      reader.configure('busyTimeout', BUSY_TIMEOUT_MS);
      resolve(reader);
    });
  });
}
