'use strict';
// The errors every call rejects with. All extend UcsError and carry statusCode, errorCode,
// errorMessage and requestId (undefined when not known).

const { defineErrorClasses, KINDS } = require('./error-classes.cjs');

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

// The class of each kind, generated from the Rust error table (error-classes.cjs).
const CLASSES = defineErrorClasses(UcsError);
const BY_KIND = Object.fromEntries(Object.entries(KINDS).map(([kind, name]) => [kind, CLASSES[name]]));
const { InvalidArgumentError } = CLASSES;

/** The error class for an error of the addon (whose message is the core's ErrorInfo JSON). */
function fromNative(error) {
  let info;
  try {
    info = JSON.parse(error.message);
  } catch {
    return error instanceof UcsError ? error : new UcsError(String(error?.message ?? error));
  }
  const Class = (Object.hasOwn(BY_KIND, info?.kind) ? BY_KIND[info.kind] : undefined) ?? UcsError;
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
  ...CLASSES,
  fromNative,
  invalid,
};
