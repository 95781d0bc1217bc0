/**
 * The one place that decides what a member may choose as a name or a title: usernames, display
 * names (registration, settings, `npm run user:create`) and thread titles all go through here.
 *
 * A name is shown beside everything its owner writes, so it must read as what it is: text is
 * NFKC-normalised (fullwidth `Ｌｅｎａ` becomes `Lena`), and characters that are invisible, reorder
 * the text (bidi controls) or only pad it (Hangul fillers, Braille blank) are refused rather than
 * stripped, so the member sees what was wrong. Unicode's own properties decide (Cf,
 * Default_Ignorable_Code_Point, ...) rather than a list of code points that would age.
 * Names that look like another member's are caught by their skeleton (./skeleton.ts).
 */
import { nameSkeleton, wordSkeletons } from './skeleton';

export { nameSkeleton } from './skeleton';

/**
 * Invisible, formatting, bidi, private-use and unassigned code points, controls, line and paragraph
 * separators. Default_Ignorable_Code_Point covers U+00AD, U+034F, U+061C, U+115F, U+1160, U+17B4,
 * U+180B–180F, U+200B–200F, U+202A–202E, U+2060–206F, U+3164, U+FE00–FE0F, U+FEFF, U+FFA0, tags
 * and the variation selectors supplement.
 */
const HIDDEN_IN_NAMES = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** After NFKC every ordinary space is U+0020; what is left (U+1680...) only pretends to be one. */
const OTHER_SPACES = /(?! )[\s\p{Zs}]/u;

/** A pile of combining marks ("Zalgo" text) spills over the lines around the name. */
const MARK_PILE = /\p{M}{4,}/u;

/** Marks that read as a verification or a rank beside a name. */
const BADGE_SYMBOLS = /[\u221A\u2611\u2605\u2606\u2705\u2713\u2714\u2B50\u24C2\u00AE\u{1F396}\u{1F3C5}\u{1F3C6}\u{1F451}\u{1F46E}\u{1F530}\u{1F5F8}\u{1F5F9}\u{1F6E1}\u{10102}]/u;

/** Words that claim a role; compared as skeletons, so `M0derator` and `Мoderator` count too. */
const ROLE_WORDS = ['moderator', 'moderators', 'mod', 'mods', 'manager', 'admin', 'administrator', 'staff', 'official', 'team', 'support', 'sysop'];
const ROLE_SKELETONS = new Set(ROLE_WORDS.map(nameSkeleton));
/** Long enough never to occur inside an ordinary name: caught even without a word boundary. */
const ROLE_INFIXES = ['moderator', 'administrator'].map(nameSkeleton);

export function normalizeText(text: string): string {
  return text.normalize('NFKC');
}

/** Why a display name or username cannot be shown as it is, or null. `label` starts the message. */
export function nameCharacterProblem(name: string, label: string): string | null {
  if (HIDDEN_IN_NAMES.test(name)) return `${label} contains invisible or formatting characters (such as zero-width or right-to-left marks).`;
  if (OTHER_SPACES.test(name)) return `${label} contains a space character other than an ordinary space.`;
  if (name !== name.trim()) return `${label} cannot start or end with a space.`;
  if (name.includes('  ')) return `${label} cannot contain two spaces in a row.`;
  if (MARK_PILE.test(name.normalize('NFD'))) return `${label} stacks too many accents on one letter.`;
  if (!/[\p{L}\p{N}]/u.test(name)) return `${label} needs at least one letter or digit.`;
  return null;
}

/** Whether a name claims a staff role: a role word (after skeletonising) or a badge symbol. */
export function claimsStaffRole(name: string): boolean {
  if (BADGE_SYMBOLS.test(name)) return true;
  const whole = nameSkeleton(name);
  if (ROLE_SKELETONS.has(whole) || ROLE_INFIXES.some((infix) => whole.includes(infix))) return true;
  return wordSkeletons(name).some((word) => ROLE_SKELETONS.has(word));
}

export const ROLE_CLAIM_MESSAGE = 'Names cannot claim a role (such as Moderator, Admin, Staff or Official) or carry a check mark: the forum shows staff badges itself.';

/**
 * Thread titles may hold any script and emoji, so the joiners emoji and some scripts need are
 * allowed where they join something: ZWJ/ZWNJ between two visible characters, VS15/VS16 after
 * a character, tag characters after the black flag (🏴 subdivision flags). Everything else that
 * HIDDEN_IN_NAMES refuses is refused here too, bidi overrides and isolates included.
 */
const JOINERS_IN_PLACE = /(?<=[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Component}])[\u200C\u200D](?=[\p{L}\p{M}\p{N}\p{Extended_Pictographic}])|(?<=[^\s])[\uFE0E\uFE0F]|(?<=\u{1F3F4}[\u{E0020}-\u{E007E}]*)[\u{E0020}-\u{E007F}]/gu;

export function titleCharacterProblem(title: string): string | null {
  const withoutJoiners = title.replace(JOINERS_IN_PLACE, '');
  if (HIDDEN_IN_NAMES.test(withoutJoiners)) return 'The title contains invisible or formatting characters (such as zero-width or right-to-left marks).';
  if (MARK_PILE.test(title.normalize('NFD'))) return 'The title stacks too many accents on one letter.';
  return null;
}
