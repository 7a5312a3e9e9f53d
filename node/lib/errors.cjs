'use strict';
// The errors every call rejects with. All extend UcsError and carry statusCode, errorCode,
// errorMessage and requestId (undefined when not known).

const FIELDS = ['statusCode', 'errorCode', 'errorMessage', 'requestId', 'retryAfter', 'field', 'subJob'];

class UcsError extends Error {
  constructor(message, fields = {}) {
    super(message);
    for (const name of FIELDS) {
      this[name] = fields[name] ?? undefined;
    }
  }

  get name() {
    return this.constructor.name;
  }
}

class ApiError extends UcsError {}
class NotFoundError extends ApiError {}
class ThrottledError extends ApiError {}
class ConflictError extends ApiError {}
class AuthError extends ApiError {}
class TimeoutError extends UcsError {}
class ConnectionError extends UcsError {}
class DecodeError extends UcsError {}
class InvalidArgumentError extends UcsError {}
class ConfigError extends UcsError {}
class FederationFailedError extends UcsError {}
// A bug in the SDK: a Rust panic, caught before it could end the process.
class InternalError extends UcsError {}

const BY_KIND = {
  Api: ApiError,
  NotFound: NotFoundError,
  Throttled: ThrottledError,
  Conflict: ConflictError,
  Auth: AuthError,
  Timeout: TimeoutError,
  Connection: ConnectionError,
  Decode: DecodeError,
  InvalidArgument: InvalidArgumentError,
  Config: ConfigError,
  FederationFailed: FederationFailedError,
  Internal: InternalError,
};

/** The error class for an error of the addon (whose message is the core's ErrorInfo JSON). */
function fromNative(error) {
  let info;
  try {
    info = JSON.parse(error.message);
  } catch {
    return error instanceof UcsError ? error : new UcsError(String(error?.message ?? error));
  }
  const Class = BY_KIND[info.kind] ?? UcsError;
  return new Class(info.message, {
    statusCode: info.status_code,
    errorCode: info.error_code,
    errorMessage: info.error_msg,
    requestId: info.request_id,
    retryAfter: info.retry_after,
    field: info.field,
    subJob: info.sub_job,
  });
}

/** An InvalidArgumentError raised by the package itself, before the addon sees the call. */
function invalid(field, reason) {
  return new InvalidArgumentError(`invalid argument \`${field}\`: ${reason}`, { field, errorMessage: reason });
}

module.exports = {
  UcsError,
  ...Object.fromEntries(Object.values(BY_KIND).map((Class) => [Class.name, Class])),
  fromNative,
  invalid,
};
