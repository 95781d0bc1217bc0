/**
 * Importing verification data from a CSV file, either of two shapes told apart by the header:
 * events (the feed's events, one per row) or records (a member's whole record per row). Every row
 * goes through the same event path as the feed, in its own transaction: a bad row is reported
 * with its line and reason and the others still apply; importing the same file again changes
 * nothing, because every row carries an event id (a record row's is derived from its content).
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../db';
import { usernameKey } from '../members';
import { parseCsv, CsvRow } from './csv';
import { applyFeedEvent, describeIssues, eventTime, verificationEventSchema } from './feed';
import { applyVerificationEvent, RecordChange } from './records';
import { METHOD_CODE, TIERS } from './terms';

export const EVENT_COLUMNS = ['event_id', 'member', 'type', 'occurred_at', 'step', 'method', 'tier'] as const;
export const RECORD_COLUMNS = [
  'member', 'tier', 'invited_at', 'id_state', 'id_completed_at', 'id_method',
  'webcam_state', 'webcam_completed_at', 'webcam_method', 'awarded_at',
] as const;
const REQUIRED_EVENT_COLUMNS = ['event_id', 'member', 'type', 'occurred_at'];

/** The file cannot be imported at all (no header, unknown columns). */
export class CsvFormatError extends Error {}

export interface ImportReport {
  format: 'events' | 'records';
  rows: number;
  applied: number;
  duplicates: number;
  rejected: Array<{ line: number; reason: string }>;
}

export interface ImportOptions {
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  now?: Date;
}

type Values = Record<string, string>;

function formatOf(columns: string[]): 'events' | 'records' {
  const known = (list: readonly string[]) => columns.filter((column) => !list.includes(column));
  if (columns.includes('event_id')) {
    const unknown = known(EVENT_COLUMNS);
    if (unknown.length) throw new CsvFormatError(`Unknown column "${unknown[0]}" for an events file (columns: ${EVENT_COLUMNS.join(', ')}).`);
    const missing = REQUIRED_EVENT_COLUMNS.filter((column) => !columns.includes(column));
    if (missing.length) throw new CsvFormatError(`An events file needs the column "${missing[0]}".`);
    return 'events';
  }
  const unknown = known(RECORD_COLUMNS);
  const missing = RECORD_COLUMNS.filter((column) => !columns.includes(column));
  if (unknown.length || missing.length) {
    throw new CsvFormatError(`The header must name the events columns (${EVENT_COLUMNS.join(', ')}) or the records columns (${RECORD_COLUMNS.join(', ')}).`);
  }
  return 'records';
}

const optionalTime = z.string().transform((value, context) => {
  if (value.trim() === '') return null;
  const parsed = eventTime.safeParse(value);
  if (!parsed.success) {
    context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error.issues[0].message.replace('occurredAt', 'the time') });
    return z.NEVER;
  }
  return parsed.data;
});

function stepColumns(prefix: 'id' | 'webcam') {
  return (values: Values, context: z.RefinementCtx) => {
    const state = values[`${prefix}_state`].trim() || 'not_started';
    const completedAt = optionalTime.safeParse(values[`${prefix}_completed_at`]);
    const method = values[`${prefix}_method`].trim() || null;
    const fail = (message: string) => context.addIssue({ code: z.ZodIssueCode.custom, message: `${prefix}: ${message}` });
    if (!['not_started', 'passed', 'rejected'].includes(state)) return fail('state must be not_started, passed or rejected.');
    if (!completedAt.success) return fail(completedAt.error.issues[0].message);
    if (method !== null && !METHOD_CODE.test(method)) return fail('method must be a code such as government_id.');
    if (state === 'not_started') return { state, completedAt: null, method: null } as const;
    if (!completedAt.data) return fail(`a ${state} step needs its completion time.`);
    if (state === 'passed' && !method) return fail('a passed step needs its method.');
    return { state: state as 'passed' | 'rejected', completedAt: completedAt.data, method };
  };
}

const recordRow = z.custom<Values>().transform((values, context): RecordChange => {
  const tier = values.tier.trim() || null;
  if (tier !== null && !(TIERS as readonly string[]).includes(tier)) {
    context.addIssue({ code: z.ZodIssueCode.custom, message: `tier must be one of ${TIERS.join(', ')}, or empty.` });
    return z.NEVER;
  }
  const invitedAt = optionalTime.safeParse(values.invited_at);
  const awardedAt = optionalTime.safeParse(values.awarded_at);
  for (const [name, parsed] of [['invited_at', invitedAt], ['awarded_at', awardedAt]] as const) {
    if (!parsed.success) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `${name}: ${parsed.error.issues[0].message}` });
      return z.NEVER;
    }
  }
  const id = stepColumns('id')(values, context);
  const webcam = stepColumns('webcam')(values, context);
  if (!id || !webcam || !invitedAt.success || !awardedAt.success) return z.NEVER;
  return { tier, invitedAt: invitedAt.data, id, webcam, awardedAt: awardedAt.data };
});

function eventOf(values: Values): unknown {
  const blankToUndefined = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);
  return {
    id: values.event_id,
    member: values.member,
    type: values.type?.trim(),
    occurredAt: values.occurred_at,
    step: blankToUndefined(values.step),
    method: blankToUndefined(values.method),
    tier: blankToUndefined(values.tier) ?? null,
  };
}

/** A record row's id: the same row imported again is the same event. */
function recordEventId(member: string, values: Values): string {
  const content = RECORD_COLUMNS.map((column) => (column === 'member' ? usernameKey(member) : values[column].trim())).join('\u0001');
  return `import:${crypto.createHash('sha256').update(content).digest('hex').slice(0, 40)}`;
}

async function memberIdsByKey(db: Database, rows: Values[]): Promise<Map<string, number>> {
  const keys = [...new Set(rows.map((values) => usernameKey(values.member ?? '')).filter(Boolean))];
  const ids = new Map<string, number>();
  for (let start = 0; start < keys.length; start += 500) {
    const members = await db.models.Member.findAll({ where: { usernameKey: keys.slice(start, start + 500) }, attributes: ['id', 'usernameKey'] });
    for (const member of members) ids.set(member.usernameKey, member.id);
  }
  return ids;
}

export async function importVerificationCsv(db: Database, text: string, options: ImportOptions = {}): Promise<ImportReport> {
  const [header, ...rows] = parseCsv(text);
  if (!header || header.error) throw new CsvFormatError(header?.error ? `The header cannot be read: ${header.error}.` : 'The file is empty.');
  const columns = header.fields.map((column) => column.trim().toLowerCase());
  const format = formatOf(columns);
  const report: ImportReport = { format, rows: rows.length, applied: 0, duplicates: 0, rejected: [] };
  const valuesOf = (row: CsvRow): Values => Object.fromEntries(columns.map((column, index) => [column, row.fields[index] ?? '']));
  const memberIds = await memberIdsByKey(db, rows.map(valuesOf));
  const every = options.progressEvery ?? 100;
  const now = options.now ?? new Date();

  for (const [index, row] of rows.entries()) {
    const reject = (reason: string) => report.rejected.push({ line: row.line, reason });
    const values = valuesOf(row);
    const memberId = memberIds.get(usernameKey(values.member ?? ''));
    if (row.error) reject(row.error);
    else if (row.fields.length !== columns.length) reject(`expected ${columns.length} fields, found ${row.fields.length}`);
    else if (format === 'events') {
      const parsed = verificationEventSchema.safeParse(eventOf(values));
      if (!parsed.success) reject(describeIssues(parsed.error));
      else if (!memberId) reject(`unknown member "${parsed.data.member}"`);
      else {
        const outcome = await applyFeedEvent(db, parsed.data, 'import', { memberId, now });
        if (outcome === 'in_the_future') reject('occurred_at is in the future.');
        else report[outcome === 'duplicate' ? 'duplicates' : 'applied'] += 1;
      }
    } else {
      const parsed = recordRow.safeParse(values);
      if (!values.member.trim()) reject('member is required.');
      else if (!parsed.success) reject(describeIssues(parsed.error));
      else if (!memberId) reject(`unknown member "${values.member.trim()}"`);
      else {
        const result = await applyVerificationEvent(db, { eventId: recordEventId(values.member, values), memberId, source: 'import', kind: 'import.record', change: parsed.data });
        report[result.outcome === 'duplicate' ? 'duplicates' : 'applied'] += 1;
      }
    }
    if ((index + 1) % every === 0 || index + 1 === rows.length) options.onProgress?.(index + 1, rows.length);
  }
  return report;
}
