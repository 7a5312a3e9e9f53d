// ESM entry of ucs-sdk/testing: the CommonJS module's exports, named.
import cjs from './testing.cjs';

export const { Emulator, EmulatorError, binary, bundledBinary, startEmulator, useEmulator } = cjs;
export default cjs;
