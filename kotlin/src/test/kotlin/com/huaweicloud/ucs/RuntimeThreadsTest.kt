package com.huaweicloud.ucs

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import kotlin.test.assertTrue

class RuntimeThreadsTest {
    @Test
    fun runtimeThreadsStayAttachedToTheJvm(): Unit = runBlocking {
        val clusters = Emulator.client().clusters()
        // Network calls are resumed from Rust's runtime threads; attached for good, they show
        // up as JVM threads with the initializer's name (JNA's default detaches them each time).
        repeat(20) { clusters.supportedVersions() }
        val names = Thread.getAllStackTraces().keys.map { it.name }
        assertTrue(names.any { it.startsWith("ucs-sdk-runtime") }, "runtime threads not attached: $names")
    }
}
