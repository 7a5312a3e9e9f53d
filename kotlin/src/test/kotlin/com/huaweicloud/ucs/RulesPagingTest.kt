package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.ListClustersQuery
import com.huaweicloud.ucs.models.NameMeta
import com.huaweicloud.ucs.models.RegisterFleet
import com.huaweicloud.ucs.models.PageQuery
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull

class RulesPagingTest {
    private val client = Emulator.client()

    @BeforeEach
    fun reset() = Emulator.reset()

    // The rule operations one by one are SharedCasesTest (tests/cases/operations); here the pagers.
    @Test
    fun pagesAreWalkedAsFlows(): Unit = runBlocking {
        repeat(7) {
            client.clusters().register(attached("page-$it"))
            client.rules().create(rule("rule-$it"))
        }
        // Page calls: limit/offset by hand.
        val second = client.clusters().list(ListClustersQuery(limit = 3L, offset = 3L))
        assertEquals(7L, second.total)
        assertEquals(3, second.items.size)

        // The pager: a page per next(), null at the end.
        val pager = client.clusters().pager(ListClustersQuery(limit = 3L))
        val sizes = generateSequence { runBlocking { pager.next() } }.map { it.size }.toList()
        assertEquals(listOf(3, 3, 1), sizes)
        assertNull(pager.next())

        // The Flow: every item once, in pages of the query's limit.
        val names = client.clusters().iter(ListClustersQuery(limit = 3L)).toList().map { it.metadata?.name }
        assertEquals((0 until 7).map { "page-$it" }.toSet(), names.toSet())
        assertEquals(7, names.size, "pages overlapped: $names")
        assertEquals(7, client.rules().iter(PageQuery(limit = 2L)).toList().size)
        client.fleets().register(RegisterFleet(metadata = NameMeta(name = "f")))
        assertEquals(listOf("f"), client.fleets().iter(PageQuery(limit = 1L)).toList().map { it.metadata?.name })
        // A Flow stops fetching when the collector stops.
        assertEquals(2, client.clusters().iter(ListClustersQuery(limit = 2L)).take(2).toList().size)
    }
}
