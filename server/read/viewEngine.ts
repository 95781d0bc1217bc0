/**
 * The ejs engine the app registers for .ejs views: ejs itself compiles every template, but this
 * file decides how compiled templates are called, because measured (node --cpu-prof on the
 * express+ejs baseline) stock ejs spends most of a thread page outside the templates:
 *  - every include() copies all locals key by key into a fresh object (express's merged locals,
 *    settings and app.locals included: ~30 keys, about fifty includes a page) — here an include
 *    without arguments gets its parent's locals as they are, and those with arguments share one
 *    copy per render, with only their arguments set (a copy per include was 5% of a thread page;
 *    a prototype chain instead of a copy measured twice as slow);
 *  - every relative include() is resolved with fs.existsSync on each call even with the view
 *    cache on — here resolved once per (template, name) while caching;
 *  - templates are compiled `with (locals)`, which makes every name in them a dynamic lookup —
 *    here each template destructures the names it uses from locals (ejs's destructuredLocals),
 *    found by scanning its generated code once. Over-listing a name costs one property read;
 *    a name the scan misses would be a ReferenceError, so that template falls back to `with`,
 *    which is exactly stock ejs.
 * Output is byte for byte what ejs.renderFile produces (test/unit/viewEngine.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';

type Locals = Record<string, unknown>;
type Include = (name: string, extra?: Locals) => string;
type ClientFunction = (locals: Locals, escapeFn: unknown, include: Include, rethrow: unknown) => string;
type Render = (locals: Locals) => string;

interface EngineOptions {
  cache?: boolean;
  settings?: { views?: string | string[] };
}

// Names ejs's generated code declares or passes in, and words that cannot be variables.
const INTERNAL = new Set(['locals', 'escapeFn', 'include', 'rethrow', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity']);
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'implements import in instanceof interface let new null package private protected public return static super switch this ' +
    'throw true try typeof var void while with yield await of').split(' '),
);

/** The free names a template's code may read from its locals (a superset: see the file comment). */
export function localNamesOf(source: string): string[] {
  const code = source
    // Text between tags, which ejs emits as single string literals.
    .replace(/__append\("(?:[^"\\]|\\.)*"\)/g, '')
    // `...rest` spreads a local; the dots must not read as a property access.
    .replace(/\.\.\./g, ' ');
  const declared = new Set<string>();
  for (const match of code.matchAll(/\b(?:const|let|class)\s+([A-Za-z_$][\w$]*)/g)) declared.add(match[1]);
  for (const match of code.matchAll(/\b(?:const|let)\s*[{[]([^}\]]*)[}\]]/g)) {
    for (const name of match[1].match(/[A-Za-z_$][\w$]*/g) ?? []) declared.add(name);
  }
  const names = new Set<string>();
  for (const match of code.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*/g)) {
    const name = match[0];
    if (name.startsWith('__') || INTERNAL.has(name) || RESERVED.has(name) || declared.has(name) || name in globalThis) continue;
    names.add(name);
  }
  return [...names].sort();
}

export function createViewEngine() {
  const compiled = new Map<string, Render>();

  function resolveInclude(from: string, name: string, views: string[]): string {
    const withExtension = path.extname(name) ? name : `${name}.ejs`;
    // As ejs: beside the including template first, then in the views folders.
    const candidates = [path.resolve(path.dirname(from), withExtension), ...views.map((dir) => path.resolve(dir, withExtension))];
    const found = candidates.find((candidate) => fs.existsSync(candidate));
    if (!found) throw new Error(`Could not find the include file "${name}" from ${from}`);
    return found;
  }

  function compile(filename: string, options: EngineOptions): Render {
    const cache = options.cache === true;
    const views = ([] as string[]).concat(options.settings?.views ?? []);
    const text = fs.readFileSync(filename, 'utf8');
    const base = { filename, client: true, compileDebug: !cache, views };
    const template = new ejs.Template(text, base as ejs.Options) as unknown as { generateSource(): void; source: string };
    template.generateSource();
    const names = localNamesOf(template.source);
    const fast = ejs.compile(text, { ...base, _with: false, destructuredLocals: names } as ejs.Options) as unknown as ClientFunction;
    let slow: ClientFunction | null = null;
    // Where this template's includes are, by the name it gives them (kept only while caching).
    const includes = new Map<string, string>();
    const locate = (name: string): string => {
      let found = includes.get(name);
      if (!found) {
        found = resolveInclude(filename, name, views);
        if (cache) includes.set(name, found);
      }
      return found;
    };

    const render: Render = (locals) => {
      // One copy of the locals per render, reused by each include with arguments: the arguments of
      // the previous such include are put back to the parent's values first, so every include sees
      // exactly {...locals, ...extra}. Safe because an include renders synchronously, and the
      // included template's own includes copy the object they were given, not this one.
      let merged: Locals | null = null;
      let lastKeys: string[] = [];
      const include: Include = (name, extra) => {
        if (!extra) return renderFile(locate(name), locals, options);
        if (!merged) merged = { ...locals };
        for (const key of lastKeys) merged[key] = locals[key];
        lastKeys = Object.keys(extra);
        for (const key of lastKeys) merged[key] = extra[key];
        return renderFile(locate(name), merged, options);
      };
      if (!slow) {
        try {
          return fast(locals, ejs.escapeXML, include, undefined);
        } catch (error) {
          if (!(error instanceof ReferenceError)) throw error;
          // A name the scan did not list: render this template as stock ejs does from now on.
          slow = ejs.compile(text, base as ejs.Options) as unknown as ClientFunction;
        }
      }
      return slow(locals, ejs.escapeXML, include, undefined);
    };
    return render;
  }

  function renderFile(filename: string, locals: Locals, options: EngineOptions): string {
    let render = options.cache ? compiled.get(filename) : undefined;
    if (!render) {
      render = compile(filename, options);
      if (options.cache) compiled.set(filename, render);
    }
    return render(locals);
  }

  /** express's engine signature: (path, options = merged locals, callback). */
  return function engine(filename: string, options: object, callback: (error: unknown, html?: string) => void): void {
    let html: string;
    try {
      html = renderFile(filename, options as Locals, options as EngineOptions);
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, html);
  };
}
