/** The email part of the settings page (and its JSON twin). */
import { DELIVERIES, type Delivery } from '../email/kinds';
import type { MemberAddress } from '../services/emailAddresses';
import type { EmailPreferences } from '../services/emailPreferences';

export const DELIVERY_LABELS: Record<Delivery, string> = { immediately: 'Immediately', digest: 'In my daily digest', never: 'Never' };

export interface EmailSettingsView {
  address: string | null;
  verified: boolean;
  digestHour: number;
  deliveries: EmailPreferences['deliveries'];
  choices: Array<{ value: Delivery; label: string }>;
  values: { email: string };
  errors: Record<string, string>;
}

export function presentEmailSettings(address: MemberAddress | null, preferences: EmailPreferences, form: { values?: { email: string }; errors?: Record<string, string> } = {}): EmailSettingsView {
  return {
    address: address?.address ?? null,
    verified: address?.verified ?? false,
    digestHour: preferences.digestHour,
    deliveries: preferences.deliveries,
    choices: DELIVERIES.map((value) => ({ value, label: DELIVERY_LABELS[value] })),
    values: form.values ?? { email: '' },
    errors: form.errors ?? {},
  };
}
