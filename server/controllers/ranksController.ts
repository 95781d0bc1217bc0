/**
 * The rank ladder page (staff read it, managers edit it) and a manager marking a board Q&A. HTTP in, one service call, render or redirect out.
 */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { Actor, canEditRankLadder, canMarkQaBoard, canViewRankLadder, ensure } from '../policies';
import { boardUrl } from '../presenters/urls';
import { setBoardQa } from '../services/qaBoards';
import { MAX_RANKS, Rank, readLadder, saveLadder } from '../services/ranks';
import { claimsStaffRole, nameCharacterProblem, normalizeText } from '../text/names';

const FIELDS = ['title', 'posts', 'kudos', 'solutions', 'days'] as const;
const MAX_THRESHOLD = 1_000_000;

type LadderValues = Array<Record<(typeof FIELDS)[number], string>>;

function valuesOf(ladder: Rank[]): LadderValues {
  return ladder.map((rank) => ({ title: rank.title, posts: String(rank.minPosts), kudos: String(rank.minKudos), solutions: String(rank.minSolutions), days: String(rank.minDays) }));
}

/** A rank title is shown beside members' names: the same character rules as names, and no role claims. */
export function rankTitleProblem(title: string): string | null {
  if (title.length > 60) return 'A rank title has at most 60 characters.';
  const problem = nameCharacterProblem(title, 'A rank title');
  if (problem) return problem;
  if (claimsStaffRole(title)) return 'A rank title cannot claim a staff role: staff show their role\'s title.';
  return null;
}

/** The form's rows (title0, posts0, …); a row with an empty title is dropped. */
function parseLadder(body: Record<string, unknown>): { ladder: Rank[]; values: LadderValues; errors: Record<string, string> } {
  const values: LadderValues = [];
  const ladder: Rank[] = [];
  const errors: Record<string, string> = {};
  for (let index = 0; index < MAX_RANKS; index += 1) {
    const raw = Object.fromEntries(FIELDS.map((field) => [field, typeof body[`${field}${index}`] === 'string' ? String(body[`${field}${index}`]) : ''])) as LadderValues[number];
    const title = normalizeText(raw.title.trim());
    if (title === '') continue;
    values.push({ ...raw, title });
    const row = values.length - 1;
    const problem = rankTitleProblem(title);
    if (problem) errors[`title${row}`] = problem;
    const numbers = FIELDS.slice(1).map((field) => {
      const text = raw[field].trim() === '' ? '0' : raw[field].trim();
      if (!/^\d{1,7}$/.test(text) || Number(text) > MAX_THRESHOLD) errors[`${field}${row}`] = `A whole number from 0 to ${MAX_THRESHOLD}.`;
      return Number(text);
    });
    ladder.push({ title, minPosts: numbers[0], minKudos: numbers[1], minSolutions: numbers[2], minDays: numbers[3] });
  }
  if (ladder.length === 0) errors.form = 'The ladder needs at least one rank.';
  return { ladder, values, errors };
}

export function createRanksController(db: Database) {
  function render(res: Response, status: number, values: LadderValues, errors: Record<string, string>, saved = false): void {
    const actor: Actor = res.locals.actor;
    // Blank rows up to the maximum, for new ranks (no JavaScript needed).
    const rows = [...values, ...Array.from({ length: Math.max(0, MAX_RANKS - values.length) }, () => ({ title: '', posts: '', kudos: '', solutions: '', days: '' }))];
    res.status(status).render('kudos/ranks', {
      title: 'Rank ladder',
      rows: canEditRankLadder(actor).allowed ? rows : values,
      editable: canEditRankLadder(actor).allowed,
      errors,
      saved,
      action: '/staff/ranks',
    });
  }

  return {
    async ladder(req: Request, res: Response): Promise<void> {
      ensure(canViewRankLadder(res.locals.actor));
      render(res, 200, valuesOf(await readLadder(db)), {}, req.query.saved === '1');
    },

    async saveLadder(req: Request, res: Response): Promise<void> {
      ensure(canEditRankLadder(res.locals.actor));
      const { ladder, values, errors } = parseLadder(req.body ?? {});
      if (Object.keys(errors).length) return render(res, 422, values, errors);
      try {
        await saveLadder(db, ladder);
      } catch (error) {
        if (error instanceof ValidationError) return render(res, 422, values, error.fieldErrors);
        throw error;
      }
      res.redirect(303, '/staff/ranks?saved=1');
    },

    /** POST /b/:boardSlug/qa with isQa=1 or 0. */
    async markQa(req: Request, res: Response): Promise<void> {
      ensure(canMarkQaBoard(res.locals.actor));
      const slug = String(req.params.boardSlug);
      await setBoardQa(db, slug, req.body?.isQa === '1');
      res.redirect(303, boardUrl(slug));
    },
  };
}
