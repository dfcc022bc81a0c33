/**
 * Reference solution for count-weights: parameter counts of conv and dense layers, and a
 * Keras-style summary (output shape and parameters per layer) of a small sequential model.
 */

export type Layer =
  | {
      type: 'conv';
      outChannels: number;
      kernelSize: number | [number, number];
      stride?: number;
      padding?: number;
      bias?: boolean;
    }
  | { type: 'maxpool'; size: number; stride?: number }
  | { type: 'relu' }
  | { type: 'flatten' }
  | { type: 'dense'; units: number; bias?: boolean };

export interface LayerSummary {
  /** [channels, height, width] before flatten, [features] after. */
  output: [number, number, number] | [number];
  params: number;
}

const kernelSides = (k: number | [number, number]): [number, number] =>
  typeof k === 'number' ? [k, k] : k;

/** D input channels, K filters of kh × kw taps: D·K·kh·kw weights, plus one bias per filter. */
export function convWeights(layer: {
  inChannels: number;
  outChannels: number;
  kernelSize: number | [number, number];
  bias?: boolean;
}): number {
  const [kh, kw] = kernelSides(layer.kernelSize);
  const biases = layer.bias === false ? 0 : layer.outChannels;
  return layer.inChannels * layer.outChannels * kh * kw + biases;
}

/** Inputs to a dense layer after flattening an H × W × C tensor (128·128·3 = 49,152). */
export function flattenedFeatures(height: number, width: number, channels: number): number {
  return height * width * channels;
}

/** floor((n + 2p − k) / s) + 1 */
export function outputSide(n: number, kernel: number, padding: number, stride: number): number {
  const side = Math.floor((n + 2 * padding - kernel) / stride) + 1;
  if (side < 1)
    throw new Error(`a window of ${kernel} does not fit an input of ${n} with padding ${padding}`);
  return side;
}

export function modelSummary(
  input: { channels: number; height: number; width: number },
  layers: Layer[],
): { layers: LayerSummary[]; total: number } {
  let shape: [number, number, number] | [number] = [input.channels, input.height, input.width];
  const out: LayerSummary[] = [];
  for (const [i, layer] of layers.entries()) {
    let params = 0;
    if (layer.type === 'dense') {
      if (shape.length !== 1)
        throw new Error(`layer ${i + 1}: dense needs a flat input; add a flatten layer first`);
      params = shape[0] * layer.units + (layer.bias === false ? 0 : layer.units);
      shape = [layer.units];
    } else if (layer.type === 'flatten') {
      shape = shape.length === 3 ? [flattenedFeatures(shape[1], shape[2], shape[0])] : shape;
    } else if (layer.type === 'relu') {
      // shape and parameters unchanged
    } else {
      if (shape.length !== 3)
        throw new Error(`layer ${i + 1}: ${layer.type} needs a [C, H, W] input, not a flat one`);
      const [c, h, w]: [number, number, number] = shape;
      if (layer.type === 'conv') {
        const [kh, kw] = kernelSides(layer.kernelSize);
        const s = layer.stride ?? 1;
        const p = layer.padding ?? 0;
        params = convWeights({
          inChannels: c,
          outChannels: layer.outChannels,
          kernelSize: [kh, kw],
          bias: layer.bias,
        });
        shape = [layer.outChannels, outputSide(h, kh, p, s), outputSide(w, kw, p, s)];
      } else {
        const s = layer.stride ?? layer.size;
        shape = [c, outputSide(h, layer.size, 0, s), outputSide(w, layer.size, 0, s)];
      }
    }
    out.push({ output: [...shape] as LayerSummary['output'], params });
  }
  return { layers: out, total: out.reduce((sum, l) => sum + l.params, 0) };
}
