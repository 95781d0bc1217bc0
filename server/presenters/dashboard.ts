/**
 * The rollout dashboard's view model: the figures in words, and each chart as geometry the view
 * draws as SVG (no JavaScript), with a title for screen readers and the same numbers in a table.
 */
import type { Dashboard, DashboardRange } from '../services/questions/dashboard';
import { AuthorView, presentAuthor } from './members';
import { threadUrl } from './urls';

export interface Bar {
  label: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarChart {
  id: string;
  title: string;
  width: number;
  height: number;
  bars: Bar[];
}

const LABEL_WIDTH = 170;
const CHART_WIDTH = 600;
const ROW = 26;

/** Horizontal bars, one row per entry, scaled to the largest value. */
export function horizontalBars(id: string, title: string, rows: Array<{ label: string; value: number }>): BarChart {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const span = CHART_WIDTH - LABEL_WIDTH - 50;
  return {
    id,
    title,
    width: CHART_WIDTH,
    height: Math.max(ROW, rows.length * ROW),
    bars: rows.map((row, index) => ({
      label: row.label,
      value: row.value,
      x: LABEL_WIDTH,
      y: index * ROW + 4,
      width: Math.max(row.value > 0 ? 2 : 0, Math.round((row.value / max) * span)),
      height: ROW - 8,
    })),
  };
}

export interface DayChart {
  id: string;
  title: string;
  width: number;
  height: number;
  columns: Array<{ day: string; asked: number; answered: number; x: number; width: number; askedY: number; askedHeight: number; answeredY: number; answeredHeight: number }>;
}

/** Columns per day: asked (full) with answered drawn over it. */
export function dayColumns(perDay: Dashboard['perDay']): DayChart {
  const height = 160;
  const step = perDay.length > 60 ? 4 : 12;
  const max = Math.max(1, ...perDay.map((day) => day.asked));
  const scale = (value: number) => Math.round((value / max) * (height - 10));
  return {
    id: 'chart-per-day',
    title: 'Questions asked and answered per day',
    width: Math.max(200, perDay.length * step),
    height,
    columns: perDay.map((day, index) => ({
      ...day,
      x: index * step,
      width: Math.max(2, step - 2),
      askedY: height - scale(day.asked),
      askedHeight: scale(day.asked),
      answeredY: height - scale(day.answered),
      answeredHeight: scale(day.answered),
    })),
  };
}

/** "3 h 20 min", "2 d 4 h", "45 s". */
export function durationText(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export function presentDashboard(figures: Dashboard, range: DashboardRange) {
  const from = range.from.toISOString().slice(0, 10);
  const to = new Date(range.to.getTime() - 86_400_000).toISOString().slice(0, 10);
  const query = new URLSearchParams({ from, to, ...(range.boardId ? { board: String(range.boardId) } : {}) }).toString();
  const staff: Array<{ member: AuthorView | null; answers: number }> = figures.answersByStaff.map((row) => ({ member: row.member ? presentAuthor(row.member) : null, answers: row.answers }));
  return {
    range: { from, to, boardId: range.boardId },
    figures,
    waits: { median: durationText(figures.waits.median), p90: durationText(figures.waits.p90), answered: figures.waits.answered },
    staff,
    busiestThreads: figures.busiestThreads.map((thread) => ({ ...thread, url: threadUrl(thread) })),
    charts: {
      perDay: dayColumns(figures.perDay),
      staff: horizontalBars('chart-staff', 'Answers per staff member', staff.map((row) => ({ label: row.member?.displayName ?? 'A former member', value: row.answers }))),
      statuses: horizontalBars('chart-statuses', 'Badge status of members who asked', figures.askerStatuses.byStatus.map((row) => ({ label: row.label, value: row.members }))),
      eta: horizontalBars('chart-eta', 'ETA promises', [
        { label: 'Made', value: figures.eta.made },
        { label: 'Kept', value: figures.eta.kept },
        { label: 'Withdrawn', value: figures.eta.withdrawn },
        { label: 'Overdue', value: figures.eta.overdue },
      ]),
    },
    exportUrl: `/staff/dashboard/export?${query}`,
  };
}
