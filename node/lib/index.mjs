// ESM entry: the CommonJS module's exports, named.
import cjs from './index.cjs';

export const {
  Client,
  version,
  writeKubeconfig,
} = cjs;
// The error classes (generated from the Rust error table).
export * from './error-classes.mjs';
export default cjs;
