package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.ListClustersQuery
import com.huaweicloud.ucs.models.PageQuery
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

class ErrorsTest {
    private val client = Emulator.client()

    @BeforeEach
    fun reset() = Emulator.reset()

    @Test
    fun missingClusterIsNotFoundWithItsFields(): Unit = runBlocking {
        val e = thrown<UcsException.NotFound> { client.clusters().get("0b5c7b93-5a33-11ee-a3ff-0255ac100b0a") }
        assertEquals(404, e.status)
        assertEquals("UCS.01030001", e.errorCode)
        assertTrue(!e.requestId.isNullOrEmpty(), "request id")
        assertTrue(e.errorMessage.isNotEmpty())
        assertTrue(e.message.contains("UCS.01030001"))
        // The same fields through the case-independent accessors.
        assertEquals(404, e.status())
        assertEquals(e.requestId, e.requestId())
    }

    @Test
    fun duplicateNameIsConflict(): Unit = runBlocking {
        client.clusters().register(attached("dup"))
        val e = thrown<UcsException.Conflict> { client.clusters().register(attached("dup")) }
        assertEquals(409, e.status)
        assertEquals("UCS.01030003", e.errorCode)
        assertNotNull(e.requestId)
    }

    @Test
    fun badInputIsInvalidArgumentNamingTheField(): Unit = runBlocking {
        val e = thrown<UcsException.InvalidArgument> { client.clusters().get("not a uuid") }
        assertEquals("cluster_id", e.field)
        assertTrue(e.reason.isNotEmpty())
        val limit = thrown<UcsException.InvalidArgument> { client.fleets().list(PageQuery(limit = -5L)) }
        assertEquals("limit", limit.field)
        val order = thrown<UcsException.InvalidArgument> { client.clusters().list(ListClustersQuery(order = "sideways")) }
        assertEquals("order", order.field)
    }

    @Test
    fun missingSecretIsInvalidArgument() {
        val e = runCatching { UcsClient(ClientOptions(endpoint = Emulator.baseUrl, ak = "AK")) }.exceptionOrNull()
        assertTrue(e is UcsException.InvalidArgument && e.field == "sk", "got $e")
    }

    @Test
    fun wrongSecretIsAuth(): Unit = runBlocking {
        val wrong = UcsClient(Emulator.options().copy(sk = Secret("wrong-sk")))
        val e = thrown<UcsException.Auth> { wrong.clusters().supportedVersions() }
        assertEquals(401, e.status)
        assertEquals("UCS.01000003", e.errorCode)
        assertFalse(e.message.contains("wrong-sk"), "the SK leaked into the error")
    }

    @Test
    fun throttlingAfterRetriesIsThrottled(): Unit = runBlocking {
        Emulator.control("POST", "faults/next", """[{"status": 429, "retry_after_secs": 1, "times": 1}]""")
        val e = thrown<UcsException.Throttled> { Emulator.client(maxRetries = 0u).clusters().supportedVersions() }
        assertEquals(429, e.status)
        assertNotNull(e.requestId)
    }

    @Test
    fun serverErrorsKeepTheirDetails(): Unit = runBlocking {
        Emulator.control("POST", "faults/next", """[{"status": 503, "times": 5}]""")
        val e = thrown<UcsException.Api> { client.clusters().supportedVersions() }
        assertEquals(503, e.status)
        assertNotNull(e.requestId)
    }

    @Test
    fun unreachableServiceIsConnection(): Unit = runBlocking {
        val closed = java.net.ServerSocket(0).use { it.localPort }
        val offline = UcsClient(Emulator.options().copy(endpoint = "http://127.0.0.1:$closed", maxRetries = 0u))
        val e = thrown<UcsException.Connection> { offline.clusters().supportedVersions() }
        assertTrue(e.errorMessage.isNotEmpty())
    }
}
