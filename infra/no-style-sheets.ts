/**
 * Stands in for cssomnom's parser in the Lambda's HTML piece (see infra/lambda-bundle.ts). linkedom
 * parses a `<style>` element's CSS only when its `sheet` is read, which neither the core nor Readability
 * ever does, yet loading cssomnom took 70 ms and 200 KB of the first HTML digest.
 */
export function parse(): never {
  throw new Error('CSS style sheets are not parsed in the precis Lambda bundle (infra/no-style-sheets.ts)');
}
