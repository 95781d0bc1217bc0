/**
 * The ETA tracker (server/read/etaTracker.ts) lists open promises with a due time by
 * (status, due_at) — eta_notes_open_due of migration 004 — and those without one oldest first.
 * That second part had no index in its order: each view sorted every open undated note to keep
 * the oldest 201 (SQLite: SEARCH … eta_notes_open_due (status=? AND due_at=?), USE TEMP B-TREE FOR
 * ORDER BY). With (status, due_at, created_at, id) the undated notes are one range already in the
 * tracker's order, so the read stops after the page (SQLite: SEARCH … USING COVERING INDEX
 * eta_notes_status_due_created, no temp B-tree), and the dated part keeps its index. A partial
 * index (WHERE status = 'open' AND due_at IS NULL) was tried first: without table statistics
 * SQLite preferred the equality on eta_notes_open_due and sorted anyway.
 */
import { QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('eta_notes', ['status', 'due_at', 'created_at', 'id'], { name: 'eta_notes_status_due_created' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('eta_notes', 'eta_notes_status_due_created');
}
