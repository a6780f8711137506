/**
 * stopwords-iso's main file is one JSON object keyed by ISO 639-1 code. esbuild, tsx and vitest expose
 * its top-level keys as named exports (and esbuild bundles only the keys imported); TypeScript's
 * NodeNext mode allows only a default import of JSON, so the two lists the core imports by name are
 * declared here.
 */
declare module 'stopwords-iso' {
  /** Arabic stop words. */
  export const ar: string[];
  /** English stop words. */
  export const en: string[];
  /** Every language's list, by ISO 639-1 code. */
  const lists: Record<string, string[]>;
  export default lists;
}
