import { create, parseDependencies } from 'mathjs';

// Only the parser and what it depends on: a fraction of mathjs's load time (and, bundled, its size).
export const { parse } = create({ parseDependencies });
