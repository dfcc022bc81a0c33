import { describe, expect, it } from 'vitest';
import {
  convWeights,
  flattenedFeatures,
  modelSummary,
  type Layer,
} from '../../solutions/count-weights/count_weights.js';

describe('convWeights and flattenedFeatures (lecture, section 1 and 4)', () => {
  it('counts the lecture input features: 128 · 128 · 3 = 49,152', () => {
    expect(flattenedFeatures(128, 128, 3)).toBe(49_152);
  });

  it('counts D · K · k weights plus one bias per filter', () => {
    // 1 channel, K = 4 filters of 3×3 (k = 9 taps): 1·4·9 = 36 weights (+4 biases)
    expect(convWeights({ inChannels: 1, outChannels: 4, kernelSize: 3, bias: false })).toBe(36);
    expect(convWeights({ inChannels: 1, outChannels: 4, kernelSize: 3 })).toBe(40);
    // RGB: 3·K·k with K = 8, k = 5×5 = 25: 600 weights
    expect(convWeights({ inChannels: 3, outChannels: 8, kernelSize: 5, bias: false })).toBe(600);
    // D = 16 channels, K = 32, 3×1 kernel (k = 3): 16·32·3 = 1536 (+32)
    expect(convWeights({ inChannels: 16, outChannels: 32, kernelSize: [3, 1] })).toBe(1568);
  });
});

describe('modelSummary against published summaries', () => {
  it('matches Keras\'s "Simple MNIST convnet"', () => {
    // https://keras.io/examples/vision/mnist_convnet/ (source: keras-team/keras-io,
    // examples/vision/md/mnist_convnet.md). model.summary() prints:
    //   conv2d (None, 26, 26, 32) 320; max_pooling2d (None, 13, 13, 32) 0; conv2d_1 (None, 11, 11, 64) 18496;
    //   max_pooling2d_1 (None, 5, 5, 64) 0; flatten (None, 1600) 0; dropout 0; dense (None, 10) 16010;
    //   Total params: 34,826. (Dropout has no parameters and no layer type here; it is left out.)
    const layers: Layer[] = [
      { type: 'conv', outChannels: 32, kernelSize: 3 },
      { type: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'conv', outChannels: 64, kernelSize: [3, 3] },
      { type: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 10 },
    ];
    const s = modelSummary({ channels: 1, height: 28, width: 28 }, layers);
    expect(s.layers.map((l) => l.output)).toEqual([
      [32, 26, 26],
      [32, 26, 26],
      [32, 13, 13],
      [64, 11, 11],
      [64, 11, 11],
      [64, 5, 5],
      [1600],
      [10],
    ]);
    expect(s.layers.map((l) => l.params)).toEqual([320, 0, 0, 18_496, 0, 0, 0, 16_010]);
    expect(s.total).toBe(34_826);
  });

  it('matches LeNet-5 (all-to-all C3) as tabulated', () => {
    // https://mnchapel.github.io/deep_learning_models/cnn/1998-11-01-lenet.html: input 1×32×32;
    // Conv1 6×28×28 156; Pool1 6×14×14; Conv2 16×10×10 2,416; Pool2 16×5×5; Conv3 (5×5) 120×1×1 48,120;
    // FC1 84 10,164; FC2 10 850; total 61,706. (The pooling there has no parameters either.)
    const layers: Layer[] = [
      { type: 'conv', outChannels: 6, kernelSize: 5 },
      { type: 'maxpool', size: 2 },
      { type: 'conv', outChannels: 16, kernelSize: 5 },
      { type: 'maxpool', size: 2 },
      { type: 'conv', outChannels: 120, kernelSize: 5 },
      { type: 'flatten' },
      { type: 'dense', units: 84 },
      { type: 'dense', units: 10 },
    ];
    const s = modelSummary({ channels: 1, height: 32, width: 32 }, layers);
    expect(s.layers.map((l) => l.output)).toEqual([
      [6, 28, 28],
      [6, 14, 14],
      [16, 10, 10],
      [16, 5, 5],
      [120, 1, 1],
      [120],
      [84],
      [10],
    ]);
    expect(s.layers.map((l) => l.params)).toEqual([156, 0, 2_416, 0, 48_120, 0, 10_164, 850]);
    expect(s.total).toBe(61_706);
  });

  it('applies padding, stride and pooling stride by floor((n + 2p − k)/s) + 1', () => {
    // 7×7 input, 3×3 conv, p = 1, s = 2: floor((7 + 2 − 3)/2) + 1 = 4; then pool 3 stride 1: 4 − 3 + 1 = 2
    const s = modelSummary({ channels: 2, height: 7, width: 7 }, [
      { type: 'conv', outChannels: 5, kernelSize: 3, padding: 1, stride: 2, bias: false },
      { type: 'maxpool', size: 3, stride: 1 },
    ]);
    expect(s.layers[0]).toEqual({ output: [5, 4, 4], params: 2 * 5 * 9 });
    expect(s.layers[1].output).toEqual([5, 2, 2]);
  });

  it('refuses a dense layer on a 3-D tensor', () => {
    expect(() =>
      modelSummary({ channels: 1, height: 4, width: 4 }, [{ type: 'dense', units: 3 }]),
    ).toThrow(/flatten/);
  });
});
