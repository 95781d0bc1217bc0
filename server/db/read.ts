/**
 * The fast way to read plain rows outside a transaction: `db.read(sql, replacements)`.
 *
 * Written by hand because no library does this part: Sequelize parses, formats and wraps every raw
 * SELECT and never reuses a prepared statement, and on the pages members read most that was the
 * measured cost (a profile of the signed-in thread page: about a sixth of its CPU in Sequelize's
 * query path; SQLite spent 60-90 µs compiling each of the page's statements again). Here the same
 * SQL, with the same `:name` replacements Sequelize takes, goes straight to the driver:
 *
 * - SQLite: the read-only WAL connections (server/db/index.ts), each keeping its prepared
 *   statements (least recently used dropped past a bound), bound with `?` parameters.
 * - PostgreSQL: a connection of Sequelize's own pool (the same type parsing as Sequelize's raw
 *   reads), with `$n` parameters and a named prepared statement per distinct SQL text.
 *
 * Values are bound, never spliced into the text: arrays expand to one parameter per element (an
 * empty array is NULL, and so is a null value), dates are written the way Sequelize stores them
 * on SQLite, so comparisons with stored values behave the same.
 */
import crypto from 'node:crypto';
import type sqlite3 from 'sqlite3';

export type Replacements = Record<string, unknown>;

export interface BoundQuery {
  text: string;
  values: unknown[];
  /**
   * Whether the driver may keep this text as a prepared statement: a text of a kept shape, among
   * the first PREPARED_TEXTS_BOUND. Any other (a shape past SHAPES_PER_TEXT, such as an IN list of
   * an unusual length) runs once, unprepared, so prepared statements per connection stay bounded
   * whatever values arrive (PostgreSQL keeps every named statement for the connection's life).
   */
  prepare: boolean;
}

type Dialect = 'sqlite' | 'postgres';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A date as Sequelize stores it in SQLite: "2026-12-02 03:56:40.123 +00:00". */
export function sqliteDateText(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)} +00:00`
  );
}

function bindValue(value: unknown, dialect: Dialect): unknown {
  if (value === undefined || value === null) return null;
  if (dialect === 'sqlite') {
    if (value instanceof Date) return sqliteDateText(value);
    if (typeof value === 'boolean') return value ? 1 : 0;
  }
  if (typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    throw new TypeError('A read replacement must be a number, string, boolean, date, null or an array of them');
  }
  return value;
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/** A SQL text split once into literal text and `:name` replacements (even indexes text, odd names). */
type Parsed = string[];

function parse(sql: string): Parsed {
  const parts: string[] = [];
  let text = '';
  let i = 0;
  while (i < sql.length) {
    const char = sql[i];
    if (char === "'" || char === '"' || char === '`') {
      const end = sql.indexOf(char, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      text += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (char === ':' && sql[i + 1] === ':') {
      text += '::';
      i += 2;
      continue;
    }
    if (char === ':' && NAME_START.test(sql[i + 1] ?? '')) {
      let end = i + 2;
      while (end < sql.length && NAME_PART.test(sql[end])) end += 1;
      parts.push(text, sql.slice(i + 1, end));
      text = '';
      i = end;
      continue;
    }
    text += char;
    i += 1;
  }
  parts.push(text);
  return parts;
}

/**
 * Parsed SQL and, per shape of its values, the driver's text, kept for every SQL text this process
 * reads (the readers' texts are constants of the code, a few hundred at most). Reusing the same
 * text string also spares hashing it again in the statement caches' maps. A shape is what changes
 * the text: each array's length, which values are NULL, which numbers are written as literals.
 */
const parsedTexts = new Map<string, { parts: Parsed; texts: Map<string, string> }>();
const PARSED_TEXTS_BOUND = 2_000;
const SHAPES_PER_TEXT = 64;
const PREPARED_TEXTS_BOUND = 1_000;
const preparedTexts = new Set<string>();

function mayPrepare(text: string): boolean {
  if (preparedTexts.has(text)) return true;
  if (preparedTexts.size >= PREPARED_TEXTS_BOUND) return false;
  preparedTexts.add(text);
  return true;
}

function parsedOf(sql: string): { parts: Parsed; texts: Map<string, string> } {
  let parsed = parsedTexts.get(sql);
  if (!parsed) {
    // SQL built with inlined values would grow this without bound: past the bound, start over.
    if (parsedTexts.size >= PARSED_TEXTS_BOUND) parsedTexts.clear();
    parsed = { parts: parse(sql), texts: new Map() };
    parsedTexts.set(sql, parsed);
  }
  return parsed;
}

/** A PostgreSQL integer parameter cannot hold it: written as a literal, as Sequelize does. */
function isBigInteger(value: unknown, dialect: Dialect): value is number {
  return dialect === 'postgres' && typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 2_147_483_647;
}

/**
 * Turns `:name` replacements into driver parameters. Quoted strings and identifiers are copied as
 * they are, and PostgreSQL's `::type` casts are not replacements.
 */
export function bindNamed(sql: string, replacements: Replacements, dialect: Dialect): BoundQuery {
  const { parts, texts } = parsedOf(sql);
  const values: unknown[] = [];
  let shape = dialect === 'postgres' ? 'p:' : 's:';
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k];
    if (!Object.prototype.hasOwnProperty.call(replacements, name)) throw new Error(`The read has no replacement for :${name}`);
    const value = replacements[name];
    if (Array.isArray(value)) {
      // An empty array is NULL; the elements are bound one by one.
      shape += value.length === 0 ? 'n' : `a${value.length}`;
      for (const each of value) values.push(bindValue(each, dialect));
    } else if (isBigInteger(value, dialect)) {
      // PostgreSQL types a parameter from the column it meets (an integer id) and refuses a larger
      // value; Sequelize wrote such numbers as literals, and so does this (a number cannot inject).
      shape += `l${value}`;
    } else if (value === null || value === undefined) {
      // Written as NULL, as Sequelize does: PostgreSQL cannot type a parameter in ":x IS NULL".
      shape += 'n';
    } else {
      shape += 'v';
      values.push(bindValue(value, dialect));
    }
    shape += ',';
  }
  let text = texts.get(shape);
  if (text !== undefined) return { text, values, prepare: mayPrepare(text) };
  text = textOf(parts, replacements, dialect);
  // Literal numbers make a shape per value: keep only the first few shapes of each text.
  if (texts.size >= SHAPES_PER_TEXT) return { text, values, prepare: false };
  texts.set(shape, text);
  return { text, values, prepare: mayPrepare(text) };
}

/** The driver's text for these values' shape: `?` (SQLite) or `$n` (PostgreSQL) per bound value. */
function textOf(parts: Parsed, replacements: Replacements, dialect: Dialect): string {
  let count = 0;
  const placeholder = () => {
    count += 1;
    return dialect === 'postgres' ? `$${count}` : '?';
  };
  let text = parts[0];
  for (let k = 1; k < parts.length; k += 2) {
    const value = replacements[parts[k]];
    if (Array.isArray(value)) text += value.length === 0 ? 'NULL' : value.map(placeholder).join(', ');
    else if (isBigInteger(value, dialect)) text += String(value);
    else if (value === null || value === undefined) text += 'NULL';
    else text += placeholder();
    text += parts[k + 1];
  }
  return text;
}

/** Prepared statements of one SQLite connection, least recently used dropped past the bound. */
export class StatementCache {
  private readonly statements = new Map<string, sqlite3.Statement>();

  constructor(
    private readonly connection: sqlite3.Database,
    private readonly bound = 200,
  ) {}

  all(text: string, values: unknown[], prepare = true): Promise<Record<string, unknown>[]> {
    if (!prepare) {
      // Prepared, run and finalized by the driver: never displaces the kept statements.
      return new Promise((resolve, reject) => {
        this.connection.all(text, values, (error: Error | null, rows: Record<string, unknown>[]) => (error ? reject(error) : resolve(rows)));
      });
    }
    let statement = this.statements.get(text);
    if (statement) {
      // Map order is insertion order: re-inserting marks it the most recently used.
      this.statements.delete(text);
    } else {
      statement = this.connection.prepare(text);
      if (this.statements.size >= this.bound) {
        const [oldestText, oldest] = this.statements.entries().next().value as [string, sqlite3.Statement];
        this.statements.delete(oldestText);
        // sqlite3 runs a statement's calls in order, so finalize waits for any read still using it.
        oldest.finalize();
      }
    }
    this.statements.set(text, statement);
    const prepared = statement;
    return new Promise((resolve, reject) => {
      prepared.all(values, (error: Error | null, rows: Record<string, unknown>[]) => (error ? reject(error) : resolve(rows)));
    });
  }

  close(): Promise<void> {
    const all = [...this.statements.values()];
    this.statements.clear();
    return Promise.all(all.map((statement) => new Promise<void>((done) => statement.finalize(() => done())))).then(() => undefined);
  }
}

/** A PostgreSQL prepared statement's name for a SQL text (the same text, the same name, on every connection). */
export function statementName(text: string): string {
  return `r_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
}
