package com.huaweicloud.ucs

import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import kotlin.test.assertTrue

/** Cancelling a coroutine mid-call drops the Rust future instead of waiting for the answer. */
class CancellationTest {
    private val client = Emulator.client()

    @BeforeEach
    fun slowEmulator() {
        Emulator.reset()
        Emulator.control("PUT", "faults", """{"latency_ms": 5000}""")
    }

    @AfterEach
    fun fastEmulator() = Emulator.reset()

    @Test
    fun timeoutCancelsTheCallAtOnce(): Unit = runBlocking {
        val started = System.nanoTime()
        val outcome = runCatching { withTimeout(300) { client.clusters().supportedVersions() } }
        val elapsedMs = (System.nanoTime() - started) / 1_000_000
        assertTrue(outcome.exceptionOrNull() is TimeoutCancellationException, "got $outcome")
        assertTrue(elapsedMs < 2_000, "cancellation waited for the slow answer: $elapsedMs ms")
        // The client still works once the fault is gone.
        Emulator.reset()
        assertTrue(client.clusters().supportedVersions().versions.isNotEmpty())
    }

    @Test
    fun cancellingTheJobCancelsTheCall(): Unit = runBlocking {
        val call = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { client.fleets().list(com.huaweicloud.ucs.models.PageQuery()) }
        val started = System.nanoTime()
        call.cancel()
        val outcome = runCatching { call.await() }
        val elapsedMs = (System.nanoTime() - started) / 1_000_000
        assertTrue(call.isCancelled, "the call was not cancelled: $outcome")
        assertTrue(elapsedMs < 2_000, "cancel waited for the slow answer: $elapsedMs ms")
    }
}
