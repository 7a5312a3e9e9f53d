package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.AccessInfoQuery
import com.huaweicloud.ucs.models.ListClustersQuery
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue

class ClustersTest {
    private val client = Emulator.client()

    @BeforeEach
    fun reset() = Emulator.reset()

    // The step-by-step "every operation" scenario is SharedCasesTest (tests/cases/operations);
    // here what it cannot express: typed records, answers that differ call to call.
    @Test
    fun typedAnswersAndAccessInfoAnsweredOnce(): Unit = runBlocking {
        val clusters = client.clusters()
        val id = clusters.register(attached("alpha")).uid
        val got = clusters.get(id)
        assertEquals("alpha", got.metadata?.name)
        assertEquals(id, got.metadata?.uid)
        assertEquals("discrete", got.spec?.manageType)
        assertEquals("Cluster", got.kind)
        val first = clusters.accessInfo(id, AccessInfoQuery())
        assertTrue(first.isNotEmpty())
        assertNotEquals(first, clusters.accessInfo(id, AccessInfoQuery()), "access info answers once")
        val page = clusters.list(ListClustersQuery(managetype = "discrete"))
        assertEquals(1L, page.total)
        assertEquals(listOf(id), page.items.map { it.metadata?.uid })
        clusters.delete(id)
        val gone = thrown<UcsException.NotFound> { clusters.get(id) }
        assertEquals("UCS.01030001", gone.errorCode)
    }

    @Test
    fun unknownFieldsArriveAsJson(): Unit = runBlocking {
        val id = client.clusters().register(attached("extra")).uid
        val cluster = client.clusters().get(id)
        // Free-form JSON crosses as JSON text: `extra` is always an object, `{}` when empty.
        assertTrue(cluster.extra.startsWith("{") && cluster.extra.endsWith("}"), cluster.extra)
        assertTrue(cluster.metadata!!.extra.startsWith("{"), cluster.metadata!!.extra)
        cluster.status?.resourceSummary?.allocatable?.let { assertTrue(it.startsWith("{"), it) }
    }
}
