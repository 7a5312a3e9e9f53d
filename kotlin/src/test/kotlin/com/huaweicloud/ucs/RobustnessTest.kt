package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.ObjectMeta
import com.sun.jna.Library
import com.sun.jna.Native
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** A Rust panic is a [UcsException] (not uniffi's `InternalException`); metadata text hides annotation values. */
class RobustnessTest {
    /** libc's setenv: the JVM cannot change its own environment, which the core's test hook reads. */
    private interface LibC : Library {
        fun setenv(name: String, value: String, overwrite: Int): Int
        fun unsetenv(name: String): Int
    }

    private val libc: LibC = Native.load("c", LibC::class.java)

    @Test
    fun aPanicIsAUcsExceptionSyncAndAsync(): Unit = runBlocking {
        libc.setenv("UCS_SDK_TEST_PANIC", "1", 1)
        try {
            repeat(2) {
                val sync = thrown<UcsException.Internal> { panicForTests() }
                assertTrue(sync.errorMessage.contains("__panic_for_tests"), sync.errorMessage)
                val async = thrown<UcsException> { panicForTestsAsync() }
                assertTrue(async is UcsException.Internal, "$async")
            }
        } finally {
            libc.unsetenv("UCS_SDK_TEST_PANIC")
        }
        // Without the variable the hook does nothing.
        panicForTests()
        panicForTestsAsync()
    }

    @Test
    fun objectMetaTextHidesAnnotationValues() {
        val meta = ObjectMeta(name = "prod", annotations = mapOf("kubeconfig" to "kc-s3cr3t"))
        val text = meta.toString()
        assertFalse(text.contains("kc-s3cr3t"), text)
        assertTrue(text.contains("prod") && text.contains("kubeconfig"), text)
        assertEquals("kc-s3cr3t", meta.annotations?.get("kubeconfig"))
    }
}
