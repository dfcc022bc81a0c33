import seedrandom from 'seedrandom';

/**
 * Seeded "shapes" dataset for the train-classifier assignment: small grey images of stroked
 * shapes (X, O, +, square outline) with random shift, size, aspect, tilt, stroke width,
 * contrast and pixel noise, so that a classifier has to learn shapes, not positions.
 *
 * Determinism: one seedrandom stream drives everything, in a fixed order, and only +, −, ×, ÷
 * and sqrt are used on its numbers (all correctly rounded in IEEE 754), so the same seed gives
 * bit-identical images on any machine. (No sin/cos/log: their last bit may differ by engine.)
 */

export const SHAPE_CLASS_NAMES = ['X', 'O', 'plus', 'square'] as const;

export interface ShapesDataset {
  /** images[i][row][col] in [0, 1]; 0 is background (dark), 1 is full ink. */
  images: number[][][];
  /** labels[i] is an index into classNames. */
  labels: number[];
  classNames: string[];
}

export interface ShapesOptions {
  seed: string;
  count: number;
  /** Side of the square image in pixels; default 12. */
  size?: number;
}

/** How one image is drawn; every field is drawn from the RNG by randomDrawing. */
export interface ShapeDrawing {
  label: number;
  size: number;
  centerX: number;
  centerY: number;
  /** Half extents of the shape along its own axes, in pixels. */
  radiusX: number;
  radiusY: number;
  /** Tilt as a unit vector (cos, sin), built without trigonometry. */
  cos: number;
  sin: number;
  /** Half of the stroke width, in pixels. */
  halfWidth: number;
  background: number;
  ink: number;
  /** Standard deviation of the additive pixel noise; 0 draws a clean image. */
  noise: number;
}

type Rng = () => number;
type Point = [number, number];

const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** Mean 0, standard deviation 1: triangular (sum of two uniforms), cheaper than a normal. */
const pixelNoise = (rng: Rng): number => (rng() + rng() - 1) * Math.sqrt(6);

/** Segments of each stroked class in the shape's unit frame ([-1, 1]²); O is drawn as a ring. */
const SEGMENTS: Record<string, Array<[Point, Point]>> = {
  X: [
    [
      [-1, -1],
      [1, 1],
    ],
    [
      [-1, 1],
      [1, -1],
    ],
  ],
  plus: [
    [
      [-1, 0],
      [1, 0],
    ],
    [
      [0, -1],
      [0, 1],
    ],
  ],
  square: [
    [
      [-0.8, -0.8],
      [0.8, -0.8],
    ],
    [
      [0.8, -0.8],
      [0.8, 0.8],
    ],
    [
      [0.8, 0.8],
      [-0.8, 0.8],
    ],
    [
      [-0.8, 0.8],
      [-0.8, -0.8],
    ],
  ],
};

/** Maps a point of the unit frame into image coordinates (x = column, y = row). */
function toImage(d: ShapeDrawing, [u, v]: Point): Point {
  const a = u * d.radiusX;
  const b = v * d.radiusY;
  return [d.centerX + d.cos * a - d.sin * b, d.centerY + d.sin * a + d.cos * b];
}

function distanceToSegment(x: number, y: number, [ax, ay]: Point, [bx, by]: Point): number {
  const ex = bx - ax;
  const ey = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey)));
  const px = ax + t * ex - x;
  const py = ay + t * ey - y;
  return Math.sqrt(px * px + py * py);
}

/** Approximate distance from (x, y) to the ellipse outline (exact for a circle). */
function distanceToRing(d: ShapeDrawing, x: number, y: number): number {
  const dx = x - d.centerX;
  const dy = y - d.centerY;
  const u = (d.cos * dx + d.sin * dy) / d.radiusX;
  const v = (-d.sin * dx + d.cos * dy) / d.radiusY;
  return Math.abs(Math.sqrt(u * u + v * v) - 1) * ((d.radiusX + d.radiusY) / 2);
}

/** Draws one image: ink coverage falls off linearly over one pixel at the stroke's edge. */
export function renderShape(d: ShapeDrawing, rng?: Rng): number[][] {
  const name = SHAPE_CLASS_NAMES[d.label];
  const segments = (SEGMENTS[name] ?? []).map(([a, b]): [Point, Point] => [
    toImage(d, a),
    toImage(d, b),
  ]);
  const image: number[][] = [];
  for (let row = 0; row < d.size; row++) {
    const line: number[] = [];
    for (let col = 0; col < d.size; col++) {
      let dist = name === 'O' ? distanceToRing(d, col, row) : Infinity;
      for (const [a, b] of segments) dist = Math.min(dist, distanceToSegment(col, row, a, b));
      const coverage = Math.min(1, Math.max(0, d.halfWidth + 0.5 - dist));
      const noise = d.noise > 0 && rng ? d.noise * pixelNoise(rng) : 0;
      line.push(Math.min(1, Math.max(0, d.background + (d.ink - d.background) * coverage + noise)));
    }
    image.push(line);
  }
  return image;
}

/** Draws the random parameters of one image of class `label`, keeping the shape inside. */
export function randomDrawing(rng: Rng, label: number, size: number): ShapeDrawing {
  const scale = size / 12;
  const radius = uniform(rng, 2.6, 4.4) * scale;
  const aspect = uniform(rng, 0.85, 1.15);
  const tilt = uniform(rng, -0.2, 0.2); // tan of the angle: at most about ±11°
  const norm = Math.sqrt(1 + tilt * tilt);
  const d: ShapeDrawing = {
    label,
    size,
    centerX: 0,
    centerY: 0,
    radiusX: radius * aspect,
    radiusY: radius / aspect,
    cos: 1 / norm,
    sin: tilt / norm,
    halfWidth: uniform(rng, 0.35, 0.75) * scale,
    background: uniform(rng, 0, 0.15),
    ink: uniform(rng, 0.6, 1),
    noise: uniform(rng, 0.04, 0.16),
  };
  // Bounding half-extent of the tilted shape (centre still at 0 here, so toImage gives offsets);
  // a ring reaches at most max(radiusX, radiusY).
  const corners: Point[] = [
    [1, 1],
    [1, -1],
    [-1, 1],
    [-1, -1],
  ];
  const extent =
    SHAPE_CLASS_NAMES[label] === 'O'
      ? [Math.max(d.radiusX, d.radiusY), Math.max(d.radiusX, d.radiusY)]
      : [0, 1].map((axis) => Math.max(...corners.map((c) => Math.abs(toImage(d, c)[axis]))));
  const place = (half: number): number => {
    const lo = half + d.halfWidth - 0.5;
    const hi = size - 0.5 - half - d.halfWidth;
    const t = rng(); // drawn even when unused, so the stream does not depend on the fit
    return lo < hi ? lo + (hi - lo) * t : (size - 1) / 2;
  };
  d.centerX = place(extent[0]);
  d.centerY = place(extent[1]);
  return d;
}

/**
 * Makes `count` images. Classes are balanced: each gets floor(count / 4) images and the first
 * count mod 4 classes one more (exactly count / 4 each when count is a multiple of 4); the
 * order is shuffled with the same seeded RNG.
 */
export function makeShapesDataset(opts: ShapesOptions): ShapesDataset {
  const size = opts.size ?? 12;
  const rng = seedrandom(opts.seed);
  const numClasses = SHAPE_CLASS_NAMES.length;
  const labels = Array.from({ length: opts.count }, (_, i) => i % numClasses);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  const images = labels.map((label) => renderShape(randomDrawing(rng, label, size), rng));
  return { images, labels, classNames: [...SHAPE_CLASS_NAMES] };
}
