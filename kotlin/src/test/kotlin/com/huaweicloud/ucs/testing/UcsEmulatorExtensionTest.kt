package com.huaweicloud.ucs.testing

import com.huaweicloud.ucs.UcsClient
import com.huaweicloud.ucs.UcsException
import com.huaweicloud.ucs.models.ListClustersQuery
import com.huaweicloud.ucs.models.RegisterCluster
import com.huaweicloud.ucs.models.RegisterClusterMetadata
import com.huaweicloud.ucs.models.RegisterClusterSpec
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.MethodOrderer
import org.junit.jupiter.api.Order
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestMethodOrder
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.ExtendWith
import org.junit.jupiter.api.extension.RegisterExtension
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

private fun attached(name: String) = RegisterCluster(
    metadata = RegisterClusterMetadata(name = name),
    spec = RegisterClusterSpec(category = "attachedcluster", clusterType = "privatek8s", provider = "privatek8s", country = "CN", city = "110000", manageType = "discrete"),
)

/** The extension as users register it: a connected client per test, state reset between tests. */
@ExtendWith(UcsEmulatorExtension::class)
@TestMethodOrder(MethodOrderer.OrderAnnotation::class)
class UcsEmulatorExtensionTest {
    @Test
    @Order(1)
    fun resolvesAConnectedClient(client: UcsClient, emulator: UcsEmulator): Unit = runBlocking {
        assertTrue(emulator.baseUrl.startsWith("http://127.0.0.1:"), emulator.baseUrl)
        assertFalse(emulator.toString().contains(emulator.credential("sk")), "toString shows the SK")
        val id = client.clusters().register(attached("from-extension")).uid
        assertEquals(listOf(id), client.clusters().list(ListClustersQuery()).items.map { it.metadata?.uid })
    }

    @Test
    @Order(2)
    fun everyTestStartsFromAResetEmulator(client: UcsClient): Unit = runBlocking {
        assertEquals(0, client.clusters().list(ListClustersQuery()).total, "the previous test's cluster is still there")
    }
}

/** Flags through `@RegisterExtension`; the helper's own process handling. */
class UcsEmulatorFlagsTest {
    @JvmField
    @RegisterExtension
    val extension = UcsEmulatorExtension(args = listOf("--quota", "1"))

    @Test
    fun passesTheFlags(client: UcsClient): Unit = runBlocking {
        client.clusters().register(attached("one"))
        val e = assertThrows<UcsException> { runBlocking { client.clusters().register(attached("two")) } }
        assertEquals("UCS.01000017", e.errorCode(), "a second cluster beyond --quota 1: $e")
    }

    @Test
    fun startAndCloseAProcess(): Unit = runBlocking {
        val emulator = UcsEmulator.start()
        emulator.client().use { assertTrue(it.clusters().supportedVersions().versions.isNotEmpty()) }
        emulator.close()
        assertFalse(emulator.isRunning, "the process runs after close()")
    }

    @Test
    fun aMissingBinaryIsAClearError() {
        val e = assertThrows<UcsEmulatorException> { UcsEmulator.start(binary = "/nonexistent/ucs") }
        assertTrue(e.message.orEmpty().contains("/nonexistent/ucs"), "${e.message}")
    }
}
