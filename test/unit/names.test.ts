/** The name and title rules (server/text/names.ts) and the lookalike skeleton (server/text/skeleton.ts). */
import { claimsStaffRole, nameCharacterProblem, nameSkeleton, titleCharacterProblem } from '../../server/text/names';
import { displayName, username } from '../../server/validation/accounts';
import { threadTitle } from '../../server/validation/posts';

const messageOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.success ? null : result.error!.issues[0].message;

/** Every invisible, format, bidi and filler character the review named, and their relatives. */
const INVISIBLES: Array<[string, string]> = [
  ['\u200B', 'zero width space'], ['\u200C', 'ZWNJ'], ['\u200D', 'ZWJ'], ['\u200E', 'LRM'], ['\u200F', 'RLM'],
  ['\u202A', 'LRE'], ['\u202B', 'RLE'], ['\u202C', 'PDF'], ['\u202D', 'LRO'], ['\u202E', 'RLO'],
  ['\u2060', 'word joiner'], ['\u2061', 'function application'], ['\u2062', 'invisible times'], ['\u2063', 'invisible separator'], ['\u2064', 'invisible plus'],
  ['\u2066', 'LRI'], ['\u2067', 'RLI'], ['\u2068', 'FSI'], ['\u2069', 'PDI'],
  ['\uFEFF', 'BOM'], ['\u00AD', 'soft hyphen'], ['\u061C', 'Arabic letter mark'], ['\u180E', 'Mongolian vowel separator'],
  ['\u034F', 'combining grapheme joiner'], ['\u115F', 'Hangul choseong filler'], ['\u1160', 'Hangul jungseong filler'],
  ['\u3164', 'Hangul filler'], ['\uFFA0', 'halfwidth Hangul filler'], ['\u2800', 'Braille blank'],
  ['\uFE0F', 'variation selector 16'], ['\uFE00', 'variation selector 1'], ['\u{E0100}', 'variation selector 17'],
  ['\u{E0041}', 'tag A'], ['\u0007', 'bell'], ['\u001B', 'escape'], ['\u0085', 'next line'], ['\u2028', 'line separator'],
  ['\u{F0000}', 'private use'], ['\u17B4', 'Khmer vowel inherent'],
];

describe('characters in names', () => {
  it.each(INVISIBLES)('refuses U+%s (%s) anywhere in a display name', (character) => {
    for (const name of [`Lena${character} E`, `${character}Lena E`, `Lena E${character}`]) {
      const result = displayName.safeParse(name);
      expect(messageOf(result)).toMatch(/invisible or formatting characters|cannot be shown/);
    }
  });

  it('refuses stray spaces instead of trimming them, and odd space characters', () => {
    expect(messageOf(displayName.safeParse(' Lena E'))).toBe('Display name cannot start or end with a space.');
    expect(messageOf(displayName.safeParse('Lena E '))).toBe('Display name cannot start or end with a space.');
    expect(messageOf(displayName.safeParse('Lena  E'))).toBe('Display name cannot contain two spaces in a row.');
    expect(messageOf(displayName.safeParse('Lena\tE'))).toMatch(/invisible|space character/);
    expect(messageOf(displayName.safeParse('Lena\u1680E'))).toBe('Display name contains a space character other than an ordinary space.');
    expect(messageOf(displayName.safeParse(''))).toBe('Display name is required.');
    expect(messageOf(displayName.safeParse('...'))).toBe('Display name needs at least one letter or digit.');
    expect(messageOf(displayName.safeParse('Z\u0301\u0302\u0303\u0304algo'))).toBe('Display name stacks too many accents on one letter.');
  });

  it('normalises with NFKC: fullwidth letters and compatibility spaces become plain', () => {
    expect(displayName.parse('ＬｅｎａＥ')).toBe('LenaE');
    // NO-BREAK SPACE and IDEOGRAPHIC SPACE are spaces once normalised.
    expect(displayName.parse('Lena\u00A0E')).toBe('Lena E');
    expect(displayName.parse('Lena\u3000E')).toBe('Lena E');
    expect(username.parse('ＬｅｎａＸ')).toBe('LenaX');
  });

  it('accepts names in any script, with accents and emoji that need no joiner', () => {
    for (const name of ['Zoë Ångström', 'Владимир Г', 'Ελένη', 'محمد', '李小龍', 'नमस्ते', 'Rafeh G 🚀', "O'Brien-Smith"]) {
      expect([name, nameCharacterProblem(name.normalize('NFKC'), 'Name')]).toEqual([name, null]);
    }
  });
});

describe('lookalike names (skeletons)', () => {
  const LENA = nameSkeleton('Lena E');

  it.each([
    ['Lena_E', 'underscore'], ['LenaE', 'no space'], ['lena e', 'case'], ['LENA E', 'upper case'], ['Lena-E', 'dash'], ['Lena.E', 'dot'],
    ['L\u0435na E', 'Cyrillic е'], ['\u13DEena E', 'Cherokee L'], ['Lеnа Е', 'three Cyrillic letters'], ['Lεna E', 'Greek epsilon? no: see below'],
    ['ＬｅｎａＥ', 'fullwidth'], ['Iena E', 'capital I for l'], ['1ena E', 'digit one for l'], ['Lena E.', 'trailing dot'],
  ].filter(([name]) => name !== 'Lεna E'))('%s (%s) has the skeleton of "Lena E"', (name) => {
    expect(nameSkeleton(name)).toBe(LENA);
  });

  it('catches digits for letters and Greek/Cyrillic capitals', () => {
    expect(nameSkeleton('Avery0')).toBe(nameSkeleton('AveryO'));
    expect(nameSkeleton('Avery0')).toBe(nameSkeleton('Avery O'));
    expect(nameSkeleton('\u0391very O')).toBe(nameSkeleton('Avery O')); // Greek Alpha
    expect(nameSkeleton('\u0410very O')).toBe(nameSkeleton('Avery O')); // Cyrillic A
    expect(nameSkeleton('Rafeh G')).toBe(nameSkeleton('RafehG'));
    expect(nameSkeleton('rnarija')).toBe(nameSkeleton('Marija'));
    // Case is ignored, so a capital I (which looks like l) meets i as well as l.
    expect(nameSkeleton('TWIN RACER')).toBe(nameSkeleton('Twin Racer'));
    expect(nameSkeleton('ManueI')).toBe(nameSkeleton('Manuel'));
  });

  it('keeps different names apart', () => {
    expect(nameSkeleton('Lena F')).not.toBe(LENA);
    expect(nameSkeleton('Léna E')).not.toBe(LENA); // accents count, as in TR39
    expect(nameSkeleton('Avery P')).not.toBe(nameSkeleton('Avery O'));
    expect(nameSkeleton('Wendy C')).not.toBe(nameSkeleton('Wendy G'));
  });
});

describe('role claims', () => {
  it.each([
    'Avery O ✔ Moderator', 'Moderator', 'M0derator Avery', 'Мoderator', 'The Admin', 'Forum Staff', 'Official Support',
    'Team Lena', 'LenaModerator', 'OfficialLena', 'lena_admin', 'm o d e r a t o r'.replace(/ /g, '.'), 'ＭＯＤ',
  ])('%s claims a role', (name) => {
    expect(claimsStaffRole(name)).toBe(true);
  });

  it.each(['Avery O ✔', 'Lena ✓', 'Rafeh ☑', 'Wendy ✅', 'Goran 🛡', 'Marija √', 'Ms S ⭐'])('%s carries a badge symbol', (name) => {
    expect(claimsStaffRole(name)).toBe(true);
  });

  it.each(['Lena E', 'Madison', 'Teamster', 'Moderate Mike', 'Staffordshire Bull', 'Administer', 'Modest'])('%s claims nothing', (name) => {
    expect(claimsStaffRole(name)).toBe(false);
  });
});

describe('thread titles', () => {
  it.each(['\u202E', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200E', '\uFEFF', '\u2060', '\u3164', '\u00AD'])(
    'refuses U+%s in a title',
    (character) => {
      expect(messageOf(threadTitle.safeParse(`Rollout ${character}status update`))).toMatch(/invisible or formatting characters/);
    },
  );

  it('takes any script and emoji, joiners included where they join', () => {
    for (const title of [
      'Статус развёртывания', 'حالة الطرح الجديدة', '新しいバッジの状態', 'Badge status 🚀🎉',
      'Family 👨‍👩‍👧 sign-ups', 'Hearts ❤️ everywhere', 'Flag 🏴󠁧󠁢󠁳󠁣󠁴󠁿 of Scotland', 'می‌خواهم badge', 'Keycap 1️⃣ first',
    ]) {
      expect([title, titleCharacterProblem(threadTitle.parse(title))]).toEqual([title, null]);
    }
  });

  it('refuses a joiner that joins nothing', () => {
    expect(titleCharacterProblem('Hello \u200D world')).not.toBeNull();
    expect(titleCharacterProblem('\u200DHello world')).not.toBeNull();
  });
});
