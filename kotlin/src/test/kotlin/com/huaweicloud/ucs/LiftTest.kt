package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.Cluster
import com.huaweicloud.ucs.models.ClusterList
import com.huaweicloud.ucs.models.FfiConverterTypeClusterList
import com.huaweicloud.ucs.models.ObjectMeta
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals

// Answers are lifted from a heap copy of the Rust buffer with strings decoded in place
// (bindings/uniffi/uniffi-bindgen.rs patches the generated converters): every UTF-8 width,
// empty strings, absent optionals and maps must come back exactly as they went in.
class LiftTest {
    @Test
    fun aPageRoundTripsThroughARustBuffer() {
        val texts = listOf("", "a", "é", "集群-生产", "🚀 rocket", "mixed é集🚀 end", "x".repeat(70_000))
        val page = ClusterList(
            items = texts.mapIndexed { i, text ->
                Cluster(
                    kind = text,
                    apiVersion = if (i % 2 == 0) null else "v1",
                    metadata = ObjectMeta(name = text, labels = mapOf("k$i" to text, text to "")),
                    extra = if (text.isEmpty()) "" else """{"note":"$text"}""",
                )
            },
            total = texts.size.toLong(),
        )
        assertEquals(page, FfiConverterTypeClusterList.lift(FfiConverterTypeClusterList.lower(page)))
    }
}
