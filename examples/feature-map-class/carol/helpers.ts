export const transpose = (m: number[][]): number[][] => (m.length ? m[0].map((_, j) => m.map((row) => row[j])) : m);
