/**
 * Trusted reference answers for conv-gradients (used by the grader only, never shipped to students).
 * Input X is n × n, filter F is k × k, output O is (n−k+1) × (n−k+1), all indices 1-based as in the
 * lecture: O11 = F11·X11 + F12·X12 + F21·X21 + F22·X22 for n = 3, k = 2.
 */

const sum = (terms: string[]): string => (terms.length === 0 ? '0' : terms.join(' + '));
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

export function referenceAnswers(variant: { n: number; k: number }): Record<string, string> {
  const { n, k } = variant;
  const o = n - k + 1;
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 1 || o < 1)
    throw new Error(`no valid output for n=${n}, k=${k}`);
  const answers: Record<string, string> = {};
  for (const i of range(o)) {
    for (const j of range(o)) {
      answers[`O${i}${j}`] = sum(
        range(k).flatMap((a) => range(k).map((b) => `F${a}${b}*X${i + a - 1}${j + b - 1}`)),
      );
    }
  }
  // ∂L/∂F_ab = Σ_ij ∂L/∂O_ij · ∂O_ij/∂F_ab = Σ_ij dO_ij · X_(i+a−1)(j+b−1)
  for (const a of range(k)) {
    for (const b of range(k)) {
      answers[`dL_dF${a}${b}`] = sum(
        range(o).flatMap((i) => range(o).map((j) => `X${i + a - 1}${j + b - 1}*dO${i}${j}`)),
      );
    }
  }
  // ∂L/∂X_rc = Σ over outputs (i, j) whose window covers (r, c), with filter tap a = r−i+1, b = c−j+1.
  for (const r of range(n)) {
    for (const c of range(n)) {
      const terms: string[] = [];
      for (const i of range(o)) {
        for (const j of range(o)) {
          const a = r - i + 1;
          const b = c - j + 1;
          if (a >= 1 && a <= k && b >= 1 && b <= k) terms.push(`F${a}${b}*dO${i}${j}`);
        }
      }
      answers[`dL_dX${r}${c}`] = sum(terms);
    }
  }
  return answers;
}
