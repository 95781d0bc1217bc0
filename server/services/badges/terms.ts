/** The words of the badge domain: tiers, steps and verification methods, as codes and as members read them. */

export const TIERS = ['top_rated', 'top_rated_plus', 'rising_talent'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Record<Tier, string> = {
  top_rated: 'Top Rated',
  top_rated_plus: 'Top Rated Plus',
  rising_talent: 'Rising Talent',
};

export const STEPS = ['id', 'webcam'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_LABELS: Record<Step, string> = {
  id: 'ID verification',
  webcam: 'webcam verification',
};

/** Methods the forum knows by name; the feed may send others, shown by their code. */
const METHOD_LABELS: Record<string, string> = {
  government_id: 'government ID',
  video_call: 'video call',
  elance: 'legacy Elance verification',
};

/** A method code: lower case letters, digits and underscores, e.g. government_id. */
export const METHOD_CODE = /^[a-z][a-z0-9_]{0,39}$/;

export function tierLabel(tier: string | null): string {
  if (!tier) return 'no tier';
  return (TIER_LABELS as Record<string, string>)[tier] ?? tier.replace(/_/g, ' ');
}

export function methodLabel(method: string | null): string {
  if (!method) return 'an unknown method';
  return METHOD_LABELS[method] ?? method.replace(/_/g, ' ');
}

/** ["top_rated", "top_rated_plus"] -> "Top Rated or Top Rated Plus". */
export function orList(words: string[]): string {
  if (words.length <= 1) return words[0] ?? 'nothing';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
