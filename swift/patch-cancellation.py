#!/usr/bin/env python3
"""Makes Task cancellation drop the Rust future in uniffi 0.32's generated Swift.

uniffi's Kotlin code cancels the Rust future when the coroutine is cancelled; its Swift code
(0.32) awaits the future with no cancellation handler, so a cancelled Task waits for the answer.
This rewrites the one generated helper, `uniffiRustCallAsync`, to take the matching
`rust_future_cancel_*` function and call it from `withTaskCancellationHandler`; the loop then
ends, `CancellationError` is thrown and the `defer` frees (drops) the Rust future at once.
Fails loudly when the generated code no longer has the expected shape.
"""
import re
import sys

path = sys.argv[1]
src = open(path, encoding="utf-8").read()

signature = """    pollFunc: (UInt64, @escaping UniffiRustFutureContinuationCallback, UInt64) -> (),
"""
loop = """    var pollResult: Int8;
    repeat {
        pollResult = await withUnsafeContinuation {
            pollFunc(
                rustFuture,
                { handle, pollResult in
                    uniffiFutureContinuationCallback(handle: handle, pollResult: pollResult)
                },
                uniffiContinuationHandleMap.insert(obj: $0)
            )
        }
    } while pollResult != UNIFFI_RUST_FUTURE_POLL_READY
"""
cancellable = """    var pollResult: Int8 = 0
    await withTaskCancellationHandler {
        repeat {
            pollResult = await withUnsafeContinuation {
                pollFunc(
                    rustFuture,
                    { handle, pollResult in
                        uniffiFutureContinuationCallback(handle: handle, pollResult: pollResult)
                    },
                    uniffiContinuationHandleMap.insert(obj: $0)
                )
            }
        } while pollResult != UNIFFI_RUST_FUTURE_POLL_READY
    } onCancel: {
        // Wakes the loop above; the `defer` then frees, which drops the Rust future.
        cancelFunc(rustFuture)
    }
    try Task.checkCancellation()
"""
for needle in (signature, loop):
    if src.count(needle) != 1:
        sys.exit(f"{path}: generated uniffiRustCallAsync changed shape; update swift/patch-cancellation.py")
src = src.replace(signature, signature + "    cancelFunc: @escaping @Sendable (UInt64) -> (),\n")
src = src.replace(loop, cancellable)
src, calls = re.subn(
    r"^(\s*)pollFunc: (ffi_\w+_rust_future_)poll_(\w+),$",
    r"\1pollFunc: \2poll_\3,\n\1cancelFunc: \2cancel_\3,",
    src,
    flags=re.M,
)
if calls == 0:
    sys.exit(f"{path}: no async call sites found; update swift/patch-cancellation.py")
open(path, "w", encoding="utf-8").write(src)
print(f"patched {calls} async calls in {path} for Task cancellation", file=sys.stderr)
