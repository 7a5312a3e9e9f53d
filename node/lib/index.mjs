// ESM entry: the CommonJS module's exports, named.
import cjs from './index.cjs';

export const {
  Client,
  version,
  UcsError,
  ApiError,
  NotFoundError,
  ThrottledError,
  ConflictError,
  AuthError,
  TimeoutError,
  ConnectionError,
  DecodeError,
  InvalidArgumentError,
  ConfigError,
  FederationFailedError,
  InternalError,
} = cjs;
export default cjs;
