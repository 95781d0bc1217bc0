/**
 * URL slugs made from titles: lower-case words joined by hyphens. Latin letters lose their
 * accents ("Café" -> "cafe"); other scripts keep their letters ("日本語の質問", "привет-мир"),
 * so a non-Latin title gets a readable slug rather than "thread". URLs percent-encode them.
 */

const MAX_SLUG_LENGTH = 80;

export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // By code point, so a character outside the BMP is never cut in half.
  const slug = Array.from(words).slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '');
  return slug === '' ? 'thread' : slug;
}
