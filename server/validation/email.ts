/** What the email preference form accepts: a delivery per known kind and the digest hour. */
import { ValidationError } from '../errors';
import { deliveriesOf, Delivery, EMAIL_KINDS } from '../email/kinds';

export function parseEmailPreferences(body: unknown): { digestHour: number; deliveries: Record<string, Delivery> } {
  const form = (body ?? {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const deliveries: Record<string, Delivery> = {};
  for (const each of EMAIL_KINDS) {
    const value = form[`delivery-${each.kind}`];
    if (value === undefined) continue;
    if (typeof value === 'string' && (deliveriesOf(each) as readonly string[]).includes(value)) deliveries[each.kind] = value as Delivery;
    else errors[`delivery-${each.kind}`] = deliveriesOf(each).includes('digest') ? 'Choose immediately, in the daily digest, or never.' : 'Choose immediately or never.';
  }
  const hourText = form.digestHour;
  const digestHour = typeof hourText === 'string' && /^\d{1,2}$/.test(hourText) ? Number(hourText) : NaN;
  if (!(digestHour >= 0 && digestHour <= 23)) errors.digestHour = 'Choose an hour from 0 to 23 (UTC).';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { digestHour, deliveries };
}
