import { scaleLinear, scaleSequential } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';
import type { TrainingDetail } from '../details.js';
import { roundTo } from '../../score/points.js';

/** A small line chart as the chart.hbs partial draws it: axes, ticks, one or more polylines, marks. */
export interface LineChart {
  title: string;
  width: number;
  height: number;
  plot: { x: number; y: number; w: number; h: number };
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  xLabel: string;
  yLabel: string;
  lines: { points: string; className: string; label: string }[];
  marks: {
    x: number;
    y: number;
    label: string;
    title: string;
    labelX: number;
    labelY: number;
    labelAnchor: string;
  }[];
  guides: {
    x1: number;
    y1: number;
    x2: number;
    y2: number;
    label: string;
    lx: number;
    ly: number;
    anchor: string;
  }[];
  xEnd: number;
  yEnd: number;
  tickX: number;
  tickY: number;
  tickLabelY: number;
  xLabelX: number;
  xLabelY: number;
}

/** Positions the template needs that follow from the plot box. */
function laidOut(
  c: Omit<LineChart, 'xEnd' | 'yEnd' | 'tickX' | 'tickY' | 'tickLabelY' | 'xLabelX' | 'xLabelY'>,
): LineChart {
  return {
    ...c,
    xEnd: c.plot.x + c.plot.w,
    yEnd: c.plot.y + c.plot.h,
    tickX: c.plot.x - 5,
    tickY: c.plot.y + c.plot.h + 4,
    tickLabelY: c.plot.y + c.plot.h + 15,
    xLabelX: c.plot.x + c.plot.w / 2,
    xLabelY: c.height - 3,
  };
}

export interface ConfusionMatrix {
  size: number;
  cell: number;
  half: number;
  cells: { x: number; y: number; fill: string; text: string; dark: boolean; title: string }[];
  labels: { at: number; text: string }[];
  accuracy: string;
}

const W = 300;
const H = 180;
const PLOT = { x: 44, y: 12, w: W - 44 - 24, h: H - 12 - 34 };
const r1 = (x: number): number => roundTo(x, 1);
const tickText = (t: number): string => String(Number(t.toPrecision(3)));

/** One chart per recorded quantity (loss, accuracy…) against the epoch. */
export function learningCurves(curve: readonly Record<string, number>[]): LineChart[] {
  if (curve.length === 0) return [];
  const keys = [...new Set(curve.flatMap((e) => Object.keys(e)))]
    .filter((k) => k !== 'epoch')
    .slice(0, 4);
  const epochOf = (e: Record<string, number>, i: number): number =>
    Number.isFinite(e.epoch) ? e.epoch : i + 1;
  return keys.map((key) => {
    const pts = curve
      .map((e, i) => [epochOf(e, i), e[key]] as const)
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const bounded = key.toLowerCase().includes('acc') && ys.every((y) => y >= 0 && y <= 1);
    const x = scaleLinear()
      .domain([Math.min(...xs), Math.max(Math.max(...xs), Math.min(...xs) + 1)])
      .range([PLOT.x, PLOT.x + PLOT.w])
      .nice();
    const y = scaleLinear()
      .domain(bounded ? [0, 1] : [Math.min(0, ...ys), Math.max(...ys, 1e-9)])
      .range([PLOT.y + PLOT.h, PLOT.y])
      .nice();
    return laidOut({
      title: `${key} per epoch`,
      width: W,
      height: H,
      plot: PLOT,
      xTicks: x
        .ticks(6)
        .filter(Number.isInteger)
        .map((t) => ({ x: r1(x(t)), label: tickText(t) })),
      yTicks: y.ticks(4).map((t) => ({ y: r1(y(t)), label: tickText(t) })),
      xLabel: 'epoch',
      yLabel: key,
      lines: [
        {
          points: pts.map(([a, b]) => `${r1(x(a))},${r1(y(b))}`).join(' '),
          className: 'series',
          label: key,
        },
      ],
      marks:
        pts.length === 1
          ? [
              {
                x: r1(x(pts[0][0])),
                y: r1(y(pts[0][1])),
                label: '',
                title: `${key} ${tickText(pts[0][1])}`,
                labelX: 0,
                labelY: 0,
                labelAnchor: 'start',
              },
            ]
          : [],
      guides: [],
    });
  });
}

const correctCount = (d: TrainingDetail): number =>
  d.labels.reduce((n, l, i) => n + (d.predicted[i] === l ? 1 : 0), 0);

/** The points curve (nothing at chance, full marks from `full`) with the student's accuracy on it. */
export function pointsCurve(d: TrainingDetail): LineChart {
  const acc = d.labels.length ? correctCount(d) / d.labels.length : 0;
  const credit = (a: number): number =>
    Math.min(1, Math.max(0, (a - d.chance) / Math.max(1e-9, d.full - d.chance)));
  const x = scaleLinear()
    .domain([0, 1])
    .range([PLOT.x, PLOT.x + PLOT.w]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([PLOT.y + PLOT.h, PLOT.y]);
  const pct = (a: number): string =>
    `${(a * 100).toFixed(a * 100 === Math.round(a * 100) ? 0 : 1)}%`;
  const pts: [number, number][] = [
    [0, 0],
    [d.chance, 0],
    [d.full, 1],
    [1, 1],
  ];
  const mx = r1(x(acc));
  return laidOut({
    title: 'points for accuracy',
    width: W,
    height: H,
    plot: PLOT,
    xTicks: x.ticks(5).map((t) => ({ x: r1(x(t)), label: pct(t) })),
    yTicks: y.ticks(4).map((t) => ({ y: r1(y(t)), label: pct(t) })),
    xLabel: 'accuracy on the test set',
    yLabel: 'share of points',
    lines: [
      {
        points: pts.map(([a, b]) => `${r1(x(a))},${r1(y(b))}`).join(' '),
        className: 'curve',
        label: 'points curve',
      },
    ],
    marks: [
      {
        x: mx,
        y: r1(y(credit(acc))),
        label: `yours: ${pct(acc)} → ${pct(credit(acc))}`,
        title: `your accuracy ${pct(acc)} earns ${pct(credit(acc))} of the points`,
        labelX: acc > 0.6 ? mx - 8 : mx + 8,
        labelY: r1(y(credit(acc))) + (credit(acc) > 0.5 ? 16 : -8),
        labelAnchor: acc > 0.6 ? 'end' : 'start',
      },
    ],
    guides: [
      {
        x1: r1(x(d.chance)),
        y1: PLOT.y,
        x2: r1(x(d.chance)),
        y2: PLOT.y + PLOT.h,
        label: `chance ${pct(d.chance)}`,
        lx: r1(x(d.chance)) + 3,
        ly: PLOT.y + 10,
        anchor: 'start',
      },
      {
        x1: r1(x(d.full)),
        y1: PLOT.y,
        x2: r1(x(d.full)),
        y2: PLOT.y + PLOT.h,
        label: `full marks ${pct(d.full)}`,
        lx: r1(x(d.full)) - 3,
        ly: PLOT.y + PLOT.h - 6,
        anchor: 'end',
      },
    ],
  });
}

/** Rows: the true class; columns: the predicted class; counts on a sequential scale. */
export function confusionMatrix(d: TrainingDetail): ConfusionMatrix {
  const k = d.classes;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  d.labels.forEach((l, i) => counts[l][d.predicted[i]]++);
  const max = Math.max(1, ...counts.flat());
  const colour = scaleSequential(interpolateBlues).domain([0, max]);
  const cell = Math.max(18, Math.min(44, Math.floor(220 / k)));
  const cells = counts.flatMap((row, r) =>
    row.map((n, c) => ({
      x: c * cell,
      y: r * cell,
      fill: colour(n),
      text: String(n),
      dark: n > 0.55 * max,
      title: `true ${r}, predicted ${c}: ${n}`,
    })),
  );
  const acc = d.labels.length ? correctCount(d) / d.labels.length : 0;
  return {
    size: k * cell,
    cell,
    half: cell / 2,
    cells,
    labels: Array.from({ length: k }, (_, i) => ({ at: i * cell + cell / 2, text: String(i) })),
    accuracy: `${(acc * 100).toFixed(1)}%`,
  };
}
