/**
 * The allowlist that every piece of HTML made from member markdown passes through. Links carry no
 * class of the member's choosing: "mention" is given only to the links the server's mention linker
 * marked with this render's secret class (server/markdown/mentions.ts), so a member's
 * `<a class="mention" href="https://evil.example">@LenaE</a>` is shown as the plain link it is.
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'pre', 'code', 'em', 'strong', 'del', 's', 'sup', 'sub',
  'ul', 'ol', 'li', 'a', 'img',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'input',
];

const LINK_REL = 'nofollow ugc noopener';

/** Every link gets our rel; its class is dropped unless it is this render's mention marker. */
function linkTransform(mentionMarker: string | null): sanitizeHtml.Transformer {
  return (_tagName, attribs) => {
    const { class: linkClass, ...rest } = attribs;
    const isMention = mentionMarker !== null && linkClass === mentionMarker;
    return { tagName: 'a', attribs: { ...rest, rel: LINK_REL, ...(isMention ? { class: 'mention' } : {}) } };
  };
}

const BASE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    // rel is always replaced by the transform below.
    a: ['href', 'title', 'rel', 'class'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    code: ['class'],
    // GitHub task lists render as disabled checkboxes.
    input: ['type', 'checked', 'disabled'],
  },
  allowedClasses: { code: [/^language-[a-z0-9+#-]{1,30}$/], a: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    input: (_tagName, attribs) =>
      attribs.type === 'checkbox'
        ? { tagName: 'input', attribs: { type: 'checkbox', disabled: '', ...(attribs.checked !== undefined ? { checked: '' } : {}) } }
        : { tagName: 'input', attribs: {} },
  },
  exclusiveFilter: (frame) =>
    (frame.tag === 'input' && frame.attribs.type !== 'checkbox') ||
    (frame.tag === 'a' && !frame.attribs.href && frame.text.trim() === '') ||
    // Images only from absolute https URLs: a relative src would make readers' browsers request
    // this forum's own pages.
    (frame.tag === 'img' && !/^https:\/\//i.test(frame.attribs.src ?? '')),
};

/** The allowlist with the link transform of one render. */
function options(mentionMarker: string | null): sanitizeHtml.IOptions {
  return { ...BASE_OPTIONS, transformTags: { ...BASE_OPTIONS.transformTags, a: linkTransform(mentionMarker) } };
}

/**
 * Returns HTML holding only allowlisted elements, attributes and URL schemes. `mentionMarker` is
 * the class the mention linker gave its links in this render (none: no link is a mention).
 */
export function sanitizePostHtml(html: string, mentionMarker: string | null = null): string {
  return sanitizeHtml(html, options(mentionMarker));
}
