package com.huaweicloud.ucs

import com.sun.jna.CallbackThreadInitializer
import com.sun.jna.Native

/**
 * Rust resumes a suspended call from its runtime's threads through a JNA callback. By default JNA
 * attaches such a thread to the JVM for each callback and detaches it afterwards, which costs more
 * than the rest of a small call; these threads live as long as the runtime, so they stay attached
 * (as daemons). Called once from the generated library's initializer (see uniffi-bindgen.rs).
 */
internal fun keepRuntimeThreadsAttached() {
    Native.setCallbackThreadInitializer(
        uniffiRustFutureContinuationCallbackImpl,
        CallbackThreadInitializer(true, false, "ucs-sdk-runtime"),
    )
}
