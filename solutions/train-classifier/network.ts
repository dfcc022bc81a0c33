import {
  type ConvParams,
  type DenseParams,
  type Shape3,
  convBackward,
  convForward,
  convOutShape,
  denseBackward,
  denseForward,
  poolBackward,
  poolForward,
  poolOutShape,
  reluBackward,
  reluForward,
} from './layers.js';
import { normal } from './random.js';

/** One layer of the saved model: plain JSON data (weights flattened row-major). */
export type ModelLayer =
  | {
      type: 'conv';
      inChannels: number;
      outChannels: number;
      kernel: number;
      pad: number;
      weights: number[];
      bias: number[];
    }
  | { type: 'relu' }
  | { type: 'maxpool' }
  | { type: 'dense'; inSize: number; outSize: number; weights: number[]; bias: number[] };

/** What the trainer asks for; the shapes in between follow from the input size. */
export type LayerPlan =
  | { type: 'conv'; outChannels: number; kernel: number; pad: number }
  | { type: 'relu' }
  | { type: 'maxpool' }
  | { type: 'dense'; outSize: number };

/** A layer in working form: typed arrays plus the shapes it maps between. */
export type NetLayer = { input: Shape3; output: Shape3 } & (
  | { type: 'conv'; p: ConvParams }
  | { type: 'relu' }
  | { type: 'maxpool' }
  | { type: 'dense'; p: DenseParams }
);

const size = (s: Shape3): number => s.c * s.h * s.w;

function outputShape(layer: ModelLayer, input: Shape3): Shape3 {
  switch (layer.type) {
    case 'conv':
      return convOutShape({ outC: layer.outChannels, k: layer.kernel, pad: layer.pad }, input);
    case 'relu':
      return input;
    case 'maxpool':
      return poolOutShape(input);
    case 'dense':
      return { c: layer.outSize, h: 1, w: 1 };
  }
}

/** Turns saved layers into working layers (copies the weights into Float64Arrays). */
export function fromModelLayers(layers: ModelLayer[], inputSize: number): NetLayer[] {
  let shape: Shape3 = { c: 1, h: inputSize, w: inputSize };
  return layers.map((layer): NetLayer => {
    const input = shape;
    const output = (shape = outputShape(layer, input));
    if (layer.type === 'conv') {
      const p = {
        inC: layer.inChannels,
        outC: layer.outChannels,
        k: layer.kernel,
        pad: layer.pad,
        w: Float64Array.from(layer.weights),
        b: Float64Array.from(layer.bias),
      };
      return { type: 'conv', p, input, output };
    }
    if (layer.type === 'dense') {
      const p = {
        inSize: layer.inSize,
        outSize: layer.outSize,
        w: Float64Array.from(layer.weights),
        b: Float64Array.from(layer.bias),
      };
      return { type: 'dense', p, input, output };
    }
    return { type: layer.type, input, output };
  });
}

export function toModelLayers(layers: NetLayer[]): ModelLayer[] {
  return layers.map((layer): ModelLayer => {
    if (layer.type === 'conv') {
      const { inC, outC, k, pad, w, b } = layer.p;
      return {
        type: 'conv',
        inChannels: inC,
        outChannels: outC,
        kernel: k,
        pad,
        weights: Array.from(w),
        bias: Array.from(b),
      };
    }
    if (layer.type === 'dense') {
      const { inSize, outSize, w, b } = layer.p;
      return { type: 'dense', inSize, outSize, weights: Array.from(w), bias: Array.from(b) };
    }
    return { type: layer.type };
  });
}

/** He initialisation (normal, variance 2 / fan-in), zero biases. */
export function initModelLayers(
  plan: LayerPlan[],
  inputSize: number,
  rng: () => number,
): ModelLayer[] {
  let shape: Shape3 = { c: 1, h: inputSize, w: inputSize };
  const random = (n: number, fanIn: number): number[] =>
    Array.from({ length: n }, () => normal(rng) * Math.sqrt(2 / fanIn));
  return plan.map((step): ModelLayer => {
    let layer: ModelLayer;
    if (step.type === 'conv') {
      const { outChannels, kernel, pad } = step;
      const fanIn = shape.c * kernel * kernel;
      layer = {
        type: 'conv',
        inChannels: shape.c,
        outChannels,
        kernel,
        pad,
        weights: random(outChannels * fanIn, fanIn),
        bias: new Array<number>(outChannels).fill(0),
      };
    } else if (step.type === 'dense') {
      const inSize = size(shape);
      layer = {
        type: 'dense',
        inSize,
        outSize: step.outSize,
        weights: random(step.outSize * inSize, inSize),
        bias: new Array<number>(step.outSize).fill(0),
      };
    } else {
      layer = { type: step.type };
    }
    shape = outputShape(layer, shape);
    return layer;
  });
}

/** Buffers for one sample's pass: acts[i] is layer i's input, acts[n] the logits. */
export interface Workspace {
  acts: Float64Array[];
  grads: Float64Array[];
  argmax: Int32Array[];
}

export function makeWorkspace(layers: NetLayer[]): Workspace {
  const shapes = [layers[0].input, ...layers.map((l) => l.output)];
  return {
    acts: shapes.map((s) => new Float64Array(size(s))),
    grads: shapes.map((s) => new Float64Array(size(s))),
    argmax: layers.map((l) => new Int32Array(l.type === 'maxpool' ? size(l.output) : 0)),
  };
}

/** Runs the network on ws.acts[0]; returns the logits (a view owned by the workspace). */
export function forward(layers: NetLayer[], ws: Workspace): Float64Array {
  layers.forEach((layer, i) => {
    const x = ws.acts[i];
    const out = ws.acts[i + 1];
    if (layer.type === 'conv') convForward(layer.p, layer.input, x, out);
    else if (layer.type === 'relu') reluForward(x, out);
    else if (layer.type === 'maxpool') poolForward(layer.input, x, out, ws.argmax[i]);
    else denseForward(layer.p, x, out);
  });
  return ws.acts[layers.length];
}

/**
 * Back-propagates ws.grads[n] (∂L/∂logits) after a forward pass, adding parameter gradients
 * into paramGrads (two arrays, weights then bias, per conv/dense layer, in layer order).
 */
export function backward(layers: NetLayer[], ws: Workspace, paramGrads: Float64Array[]): void {
  let g = paramGrads.length;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const dOut = ws.grads[i + 1];
    const dx = i === 0 ? null : ws.grads[i];
    if (layer.type === 'conv') {
      g -= 2;
      convBackward(layer.p, layer.input, ws.acts[i], dOut, paramGrads[g], paramGrads[g + 1], dx);
    } else if (layer.type === 'dense') {
      g -= 2;
      denseBackward(layer.p, ws.acts[i], dOut, paramGrads[g], paramGrads[g + 1], dx ?? ws.grads[0]);
    } else if (!dx) continue;
    else if (layer.type === 'relu') reluBackward(ws.acts[i + 1], dOut, dx);
    else poolBackward(ws.argmax[i], dOut, dx);
  }
}

/** The trainable arrays, in the order backward() expects their gradients. */
export const paramsOf = (layers: NetLayer[]): Float64Array[] =>
  layers.flatMap((l) => (l.type === 'conv' || l.type === 'dense' ? [l.p.w, l.p.b] : []));
