import type { Generator } from 'seedgrade';

type Shape = { c: number; h: number; w: number };

/**
 * A random small sequential CNN that is valid by construction: convs and pools only while the
 * spatial size allows them, then flatten and one or two dense layers. Returns { input, layers }.
 */
export const randomModel: Generator = (_params, { rng }) => {
  const input = { channels: rng.int(1, 3), height: rng.int(8, 40), width: rng.int(8, 40) };
  const shape: Shape = { c: input.channels, h: input.height, w: input.width };
  const layers: Record<string, unknown>[] = [];
  const blocks = rng.int(1, 3);
  for (let b = 0; b < blocks; b++) {
    const kh = rng.int(1, 5);
    const kw = rng.next() < 0.8 ? kh : rng.int(1, 5);
    const padding = rng.int(0, Math.floor(Math.min(kh, kw) / 2));
    const stride = rng.int(1, 2);
    const h = Math.floor((shape.h + 2 * padding - kh) / stride) + 1;
    const w = Math.floor((shape.w + 2 * padding - kw) / stride) + 1;
    if (h < 2 || w < 2) break;
    const conv: Record<string, unknown> = {
      type: 'conv',
      outChannels: rng.int(2, 32),
      kernelSize: kh === kw ? kh : [kh, kw],
    };
    if (stride !== 1) conv.stride = stride;
    if (padding !== 0) conv.padding = padding;
    if (rng.next() < 0.2) conv.bias = false;
    layers.push(conv, { type: 'relu' });
    Object.assign(shape, { c: conv.outChannels as number, h, w });
    if (h >= 4 && w >= 4 && rng.next() < 0.7) {
      layers.push({ type: 'maxpool', size: 2 });
      Object.assign(shape, { h: Math.floor((h - 2) / 2) + 1, w: Math.floor((w - 2) / 2) + 1 });
    }
  }
  layers.push({ type: 'flatten' });
  const denses = rng.int(1, 2);
  for (let d = 0; d < denses; d++)
    layers.push({
      type: 'dense',
      units: rng.int(2, 64),
      ...(rng.next() < 0.15 ? { bias: false } : {}),
    });
  return { input, layers };
};
