/**
 * A hostile submission for the browser tests: markup, a closing script tag and handlebars syntax
 * in exception messages, printed output, a returned value and answer files.
 */
export const EVIL = `<img src=x onerror="document.title='pwned'"></script><script>document.title='pwned'</script>{{constructor.constructor 'return 1'}}{{> head}}`;

export const HOSTILE_FEATURE_MAP = `// Hostile: its messages and values carry markup and template syntax.
const EVIL = ${JSON.stringify(EVIL)};
export function outputSize(n: number, k: number, padding: number, stride: number): number {
  return Math.floor((n + 2 * padding - k) / stride) + 1;
}
export function featureMap(image: number[][], kernel: number[][]): number[][] {
  throw new Error(EVIL);
}
export function conv2d(): number[][] {
  throw new TypeError(EVIL);
}
export function maxPool(): number[][] {
  return EVIL as unknown as number[][];
}
export function relu(image: number[][]): number[][] {
  console.log(EVIL);
  throw EVIL;
}
`;
