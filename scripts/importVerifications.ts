/**
 * Imports verification records or events from a CSV file into the database the configuration
 * names (DATABASE_URL, or the SQLite file):
 *   npm run verification:import -- path/to/file.csv
 * Prints progress and every rejected row with its line and reason; exits 1 if any row was
 * rejected and 2 if the file could not be read at all. Importing a file again changes nothing.
 */
import fs from 'node:fs';
import { migrateToLatest } from '../models/migrations';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db';
import { CsvFormatError, importVerificationCsv } from '../server/services/badges/csvImport';

async function main(): Promise<void> {
  const [file, ...extra] = process.argv.slice(2);
  if (!file || extra.length) {
    console.error('Usage: npm run verification:import -- FILE.csv');
    process.exitCode = 2;
    return;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const db = openDatabase(config);
  try {
    await migrateToLatest(db.sequelize);
    const report = await importVerificationCsv(db, text, {
      onProgress: (done, total) => console.log(`Imported ${done} of ${total} rows…`),
    });
    for (const rejected of report.rejected) console.error(`Line ${rejected.line}: ${rejected.reason}`);
    console.log(
      `Done (${report.format}): ${report.applied} applied, ${report.duplicates} already imported, ${report.rejected.length} rejected, of ${report.rows} rows.`,
    );
    if (report.rejected.length) process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof CsvFormatError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
