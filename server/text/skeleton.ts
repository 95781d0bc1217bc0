/**
 * The "skeleton" of a name (Unicode TR39 §4): two names look alike exactly when their skeletons
 * are equal. The confusable mapping is Unicode's own confusables.txt (v13.0.0), as shipped in
 * the `unhomoglyph` package (nodeca, the markdown-it maintainers) — not a list of our own.
 *
 * On top of TR39's skeleton (NFD → map through confusables → NFD) we fold case and drop
 * separators, because on a forum page `Lena_E`, `LenaE`, `lena e` and `Lena E.` read as the same
 * person: the mapping alone already sends `0` to `O`, `1` and `I` to `l`, Cyrillic `е` to `e`
 * (and, case being ignored, `i` goes with `l` too).
 * Accents are kept (TR39 treats `é` and `e` as different), so `Léna E` is not `Lena E`.
 */
import confusablesTable from 'unhomoglyph/data.json';

/** One source code point -> its prototype (one or more code points). */
const CONFUSABLES: ReadonlyMap<string, string> = new Map(Object.entries(confusablesTable as Record<string, string>));

/** Columns are 255 characters; a prototype can be several characters long. */
export const MAX_SKELETON_LENGTH = 255;

// Spaces, punctuation (_ - . ' …) and anything invisible separate words but do not tell names apart.
const SEPARATORS = /[\p{Z}\p{P}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu;

/** TR39's skeleton(X): NFD, each code point replaced by its prototype, NFD again. */
export function tr39Skeleton(text: string): string {
  let mapped = '';
  for (const character of text.normalize('NFD')) mapped += CONFUSABLES.get(character) ?? character;
  return mapped.normalize('NFD');
}

/** Full case folding as far as JavaScript offers it (ß -> ss, final sigma -> σ). */
function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/**
 * The key two member names are compared by: NFKC (fullwidth `Ｌｅｎａ` is `Lena`), TR39 skeleton,
 * case folded, skeleton again (the mapping's prototypes are case-sensitive: `I` and `l` meet only
 * before folding), separators removed.
 */
export function nameSkeleton(name: string): string {
  const folded = tr39Skeleton(foldCase(tr39Skeleton(name.normalize('NFKC'))));
  // Case is ignored and a capital I looks like l, so i, I, l, 1 and | must all meet: the table
  // maps I and 1 to l but leaves i alone, which made "TWIN" and "Twin" differ.
  return folded.replace(/i/g, 'l').replace(SEPARATORS, '').slice(0, MAX_SKELETON_LENGTH);
}

/** The skeletons of a name's words, for matching whole words such as "Moderator". */
export function wordSkeletons(name: string): string[] {
  const normalized = name.normalize('NFKC');
  // Words split at separators and at camel-case humps ("OfficialLena" -> Official, Lena).
  const words = normalized.split(SEPARATORS).flatMap((word) => word.split(/(?<=\p{Ll})(?=\p{Lu})/u));
  return words.map(nameSkeleton).filter((word) => word !== '');
}
