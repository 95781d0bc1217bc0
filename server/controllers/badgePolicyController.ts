/** The badge policy page: staff read the rules in force and their history; a manager changes them. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { Actor, canEditBadgePolicy, canLookUpBadgeStatus, ensure } from '../policies';
import { policyFormValues, presentPolicy, presentPolicyHistory, TIER_CHOICES } from '../presenters/badges';
import { BADGE_POLICY_URL } from '../presenters/badgeUrls';
import { changePolicy, currentPolicy, policyHistory } from '../services/badges/policy';
import { policyForm } from '../validation/badges';
import { parseForm } from '../validation/forms';

type FormValues = Record<string, string | string[]>;

function sentValues(body: unknown): FormValues {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (field: string) => (typeof source[field] === 'string' ? (source[field] as string) : '');
  const tiers = source.tiers;
  return {
    tiers: Array.isArray(tiers) ? tiers.filter((tier): tier is string => typeof tier === 'string') : typeof tiers === 'string' ? [tiers] : [],
    idMethods: text('idMethods'),
    webcamMethods: text('webcamMethods'),
    minHours: text('minHours'),
    maxHours: text('maxHours'),
    reason: text('reason'),
  };
}

export function createBadgePolicyController(db: Database) {
  async function render(req: Request, res: Response, status: number, form?: { values: FormValues; errors: Record<string, string> }): Promise<void> {
    const [policy, history] = await Promise.all([currentPolicy(db), policyHistory(db)]);
    res.status(status).render('badges/policy', {
      title: 'Badge policy',
      policy: presentPolicy(policy),
      history: presentPolicyHistory(history),
      tierChoices: TIER_CHOICES,
      form: form ?? { values: policyFormValues(policy), errors: {} },
      saved: req.query.saved === '1',
    });
  }

  return {
    async page(req: Request, res: Response): Promise<void> {
      ensure(canLookUpBadgeStatus(res.locals.actor));
      await render(req, res, 200);
    },

    async save(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canEditBadgePolicy(actor));
      try {
        const { policy, reason } = parseForm(policyForm, req.body);
        await changePolicy(db, { policy, reason, changedById: actor.memberId! });
        res.redirect(303, `${BADGE_POLICY_URL}?saved=1`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await render(req, res, 422, { values: sentValues(req.body), errors: error.fieldErrors });
      }
    },
  };
}
