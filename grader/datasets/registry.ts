import { makeShapesDataset, type ShapesDataset } from './shapes.js';

/** A seeded dataset generator: the same seed gives the same data on any machine. */
export type DatasetGenerator = (opts: {
  seed: string;
  count: number;
  size?: number;
}) => ShapesDataset;

/** Every dataset by name. A new one is a module with a DatasetGenerator, listed here once. */
export const datasets: Readonly<Record<string, DatasetGenerator>> = { shapes: makeShapesDataset };
