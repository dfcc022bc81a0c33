import { scaleDiverging, scaleLinear } from 'd3-scale';
import { interpolateRdBu } from 'd3-scale-chromatic';
import {
  flatten,
  formatIndex,
  formatNumber,
  sameShape,
  shapeOf,
  type Shape,
} from '../../judge/tensor.js';
import type { NumericDetail } from '../details.js';

/** Slices (one per leading index, e.g. (n, c) of an NCHW tensor) drawn per result before "N more". */
export const MAX_SLICES = 4;
/** Larger slices are not drawn (the page would grow past what a browser shows smoothly). */
export const MAX_CELLS = 64 * 64;
/** Larger slices get no value table. */
export const MAX_TABLE_CELLS = 32 * 32;
const TARGET_PX = 210;
const NON_FINITE = '#8c8c8c';

export interface HeatCell {
  x: number;
  y: number;
  cx: number;
  cy: number;
  size: number;
  fill: string;
  title: string;
  text?: string;
  dark: boolean;
}
export interface HeatGrid {
  label: string;
  rows: number;
  cols: number;
  width: number;
  height: number;
  cells: HeatCell[];
  outline?: { x: number; y: number; size: number };
  table?: string[][];
}
export interface HeatSlice {
  label: string;
  grids: HeatGrid[];
  tooLarge?: string;
}
export interface Legend {
  width: number;
  viewWidth: number;
  ticks: { x: number; label: string }[];
}
export interface HeatmapSet {
  key: string;
  shapes: string;
  slices: HeatSlice[];
  more: number;
  legend: Legend;
  note?: string;
  first?: string;
}

type Tensor = { shape: Shape; values: number[] };

function asTensor(v: unknown): Tensor | undefined {
  if (!Array.isArray(v)) return undefined;
  const shape = shapeOf(v);
  if (typeof shape === 'string' || shape.length === 0 || shape.includes(0)) return undefined;
  return { shape, values: flatten(v) };
}

/** Matrices to draw: a bare tensor under key '', an object's fields under their (dotted) names. */
function tensorsOf(v: unknown, name = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v))
      for (const [kk, t] of tensorsOf(x, name ? `${name}.${k}` : k)) out.set(kk, t);
  } else out.set(name, v);
  return out;
}

/** The first MAX_SLICES slices, the last of them swapped for the one holding the first difference if it lies beyond. */
function slicesToDraw(count: number, firstSlice: number | undefined): number[] {
  const drawn = Array.from({ length: Math.min(count, MAX_SLICES) }, (_, i) => i);
  if (firstSlice !== undefined && firstSlice >= drawn.length && firstSlice < count)
    drawn[drawn.length - 1] = firstSlice;
  return drawn;
}

/** [rows, cols] of each drawn slice and how many slices: leading dimensions index the slices. */
function sliceGeometry(shape: Shape): { rows: number; cols: number; count: number } {
  if (shape.length === 1) return { rows: 1, cols: shape[0], count: 1 };
  const rows = shape[shape.length - 2];
  const cols = shape[shape.length - 1];
  return { rows, cols, count: shape.slice(0, -2).reduce((a, b) => a * b, 1) };
}

/** "[0][1]" for slice 1 of a 2 × 3 × H × W tensor. */
const sliceLabel = (shape: Shape, s: number): string =>
  shape.length <= 2 ? '' : formatIndex(s, shape.slice(0, -2));

/** Short text inside a cell: two decimals at most, whole numbers from 10 on. */
function cellText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 10) return Math.abs(v) >= 1000 ? v.toExponential(0) : v.toFixed(0);
  return String(Number(v.toFixed(2)));
}

const shapeText = (t: Tensor | undefined): string =>
  t ? t.shape.join(' × ') : 'not an array of numbers';

/** Heatmaps of expected, student's and difference values on one shared diverging scale (blue < 0 < red). */
export function heatmapSets(detail: NumericDetail, passed = false): HeatmapSet[] {
  const expected = tensorsOf(detail.expected);
  const got = tensorsOf(detail.got);
  const sets: HeatmapSet[] = [];
  for (const [key, value] of expected) {
    const e = asTensor(value);
    if (!e) continue;
    const g = asTensor(got.get(key));
    const same = g !== undefined && sameShape(g.shape, e.shape);
    const diff = same ? e.values.map((x, i) => g.values[i] - x) : undefined;
    const finite = [...e.values, ...(g?.values ?? []), ...(diff ?? [])].filter(Number.isFinite);
    const m = finite.reduce((a, x) => Math.max(a, Math.abs(x)), 0) || 1;
    const colour = scaleDiverging<string>()
      .domain([-m, 0, m])
      .interpolator((t) => interpolateRdBu(1 - t));
    const first = detail.first && detail.first.key === key ? detail.first.index : undefined;
    const geo = sliceGeometry(e.shape);
    const gGeo = g ? sliceGeometry(g.shape) : undefined;
    const slices: HeatSlice[] = [];
    const count = Math.max(geo.count, gGeo?.count ?? 0);
    for (const s of slicesToDraw(
      count,
      first !== undefined ? Math.floor(first / (geo.rows * geo.cols)) : undefined,
    )) {
      const label = sliceLabel(e.shape, s);
      const big = geo.rows * geo.cols > MAX_CELLS || (gGeo && gGeo.rows * gGeo.cols > MAX_CELLS);
      if (big) {
        slices.push({
          label,
          grids: [],
          tooLarge: `${geo.rows} × ${geo.cols} is too large to draw`,
        });
        continue;
      }
      const at = (t: Tensor, gg: { rows: number; cols: number }) => (r: number, c: number) =>
        t.values[s * gg.rows * gg.cols + r * gg.cols + c];
      const grids: HeatGrid[] = [];
      const firstHere =
        first !== undefined && Math.floor(first / (geo.rows * geo.cols)) === s
          ? first % (geo.rows * geo.cols)
          : undefined;
      const triple =
        same && diff
          ? { e: at(e, geo), g: at(g, geo), d: at({ shape: e.shape, values: diff }, geo) }
          : undefined;
      const title = (own: string, r: number, c: number, v: number): string =>
        triple
          ? `[${r}][${c}] expected ${formatNumber(triple.e(r, c))} · yours ${formatNumber(triple.g(r, c))} · difference ${formatNumber(triple.d(r, c))}`
          : `[${r}][${c}] ${own} ${formatNumber(v)}`;
      if (passed && g && gGeo && same) {
        // A passing value is the expected one within tolerance: one picture says it all.
        grids.push(
          grid(
            'yours',
            gGeo,
            at(g, gGeo),
            colour,
            m,
            (own, r, c, v) => `[${r}][${c}] ${formatNumber(v)}`,
          ),
        );
        slices.push({ label, grids });
        continue;
      }
      if (s < geo.count) grids.push(grid('expected', geo, at(e, geo), colour, m, title, firstHere));
      if (g && gGeo && s < gGeo.count)
        grids.push(
          grid('yours', gGeo, at(g, gGeo), colour, m, title, same ? firstHere : undefined),
        );
      if (triple) grids.push(grid('yours − expected', geo, triple.d, colour, m, title, firstHere));
      slices.push({ label, grids });
    }
    const firstText = first !== undefined ? `${key}${formatIndex(first, e.shape)}` : undefined;
    sets.push({
      key,
      shapes: same ? shapeText(e) : `expected ${shapeText(e)}, yours ${shapeText(g)}`,
      slices,
      more: Math.max(0, count - MAX_SLICES),
      legend: legend(m),
      ...(g ? {} : { note: 'your value could not be drawn: it is not an array of numbers' }),
      ...(firstText ? { first: firstText } : {}),
    });
  }
  return sets;
}

function grid(
  label: string,
  geo: { rows: number; cols: number },
  value: (r: number, c: number) => number,
  colour: (v: number) => string,
  m: number,
  title: (own: string, r: number, c: number, v: number) => string,
  first?: number,
): HeatGrid {
  const size = Math.max(3, Math.min(30, Math.floor(TARGET_PX / Math.max(geo.rows, geo.cols))));
  const withText = size >= 24;
  const cells: HeatCell[] = [];
  const table: string[][] = [];
  for (let r = 0; r < geo.rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < geo.cols; c++) {
      const v = value(r, c);
      row.push(formatNumber(v));
      cells.push({
        x: c * size,
        y: r * size,
        cx: c * size + size / 2,
        cy: r * size + size / 2,
        size,
        fill: Number.isFinite(v) ? colour(v) : NON_FINITE,
        title: title(label, r, c, v),
        ...(withText ? { text: cellText(v) } : {}),
        dark: !Number.isFinite(v) || Math.abs(v) > 0.55 * m,
      });
    }
    table.push(row);
  }
  const outline =
    first !== undefined
      ? { x: (first % geo.cols) * size, y: Math.floor(first / geo.cols) * size, size }
      : undefined;
  return {
    label,
    rows: geo.rows,
    cols: geo.cols,
    width: geo.cols * size,
    height: geo.rows * size,
    cells,
    ...(outline ? { outline } : {}),
    ...(geo.rows * geo.cols <= MAX_TABLE_CELLS ? { table } : {}),
  };
}

function legend(m: number): Legend {
  const width = 200;
  const x = scaleLinear().domain([-m, m]).range([0, width]);
  return {
    width,
    viewWidth: width + 16,
    ticks: x.ticks(5).map((t) => ({ x: Math.round(x(t) * 10) / 10, label: formatNumber(t) })),
  };
}

/** Stops of the one diverging gradient every legend on a page shares (its ticks give each its range). */
export const legendStops = (): { offset: string; colour: string }[] =>
  Array.from({ length: 11 }, (_, i) => ({
    offset: `${i * 10}%`,
    colour: interpolateRdBu(1 - i / 10),
  }));
