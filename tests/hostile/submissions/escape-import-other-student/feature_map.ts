// Attack: import another student's file from a sibling folder.
import * as victim from '../victim/feature_map.js';
export { outputSize, conv2d, maxPool, relu } from './honest.js';

export const featureMap = victim.featureMap;
