//! Profiling driver for the Kotlin list rows: one call shape in a loop, long enough for JFR or perf.
// Not part of bench/run.sh. `op` is get, list50, list500, json500 (the same page through callJson,
// JSON text across the FFI and no record lifting), official500 (the official Java core) or lift500
// (the JVM's lifting of one 500-cluster page alone, no HTTP and no Rust decode).
//     java -cp ... bench.ProfileKt BASE CREDENTIALS_JSON CLUSTER_ID OP CALLS
package bench

import com.huaweicloud.ucs.models.FfiConverterTypeClusterList
import com.huaweicloud.ucs.models.ListClustersQuery
import java.lang.management.ManagementFactory
import java.nio.ByteBuffer
import kotlinx.coroutines.runBlocking

fun main(args: Array<String>) {
    require(args.size == 5) { "usage: ProfileKt BASE CREDENTIALS_JSON CLUSTER_ID OP CALLS" }
    val (base, credsText, cid, op) = args
    val calls = args[4].toInt()
    val creds = Regex("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"").findAll(credsText)
        .associate { it.groupValues[1] to it.groupValues[2] }
    if (op == "lift500") return liftOnly(base, creds, calls)
    val call: () -> Unit = if (op == "official500") officialCall(base, creds) else oursCall(base, creds, cid, op)
    repeat(calls / 4) { call() }
    // The calling thread's CPU time too: it runs the Rust future's polls (decode, lowering) and
    // the lifting, and unlike wall time it barely moves with the load of a shared machine.
    val threads = ManagementFactory.getThreadMXBean()
    val times = DoubleArray(calls)
    val cpu = DoubleArray(calls)
    for (i in 0 until calls) {
        val started = System.nanoTime()
        val startedCpu = threads.currentThreadCpuTime
        call()
        cpu[i] = (threads.currentThreadCpuTime - startedCpu) / 1000.0
        times[i] = (System.nanoTime() - started) / 1000.0
    }
    times.sort()
    cpu.sort()
    println(
        """{"op": "$op", "median_us": ${times[calls / 2]}, "p10_us": ${times[calls / 10]}, """ +
            """"cpu_median_us": ${cpu[calls / 2]}, "calls": $calls}""",
    )
}

private fun officialCall(base: String, creds: Map<String, String>): () -> Unit {
    val client = officialClient(base, creds.getValue("ak"), creds.getValue("sk"), creds.getValue("domain_id"))
    val request = ShowClusterListRequest().apply { limit = 500 }
    return { client.syncInvokeHttp(request, UcsMeta.showClusterList) }
}

private fun oursCall(base: String, creds: Map<String, String>, cid: String, op: String): () -> Unit {
    val client = oursClient(base, creds)
    val clusters = client.clusters()
    return when (op) {
        "get" -> { -> runBlocking { clusters.get(cid) } }
        "list50" -> { -> runBlocking { clusters.list(ListClustersQuery(limit = 50)) } }
        "list500" -> { -> runBlocking { clusters.list(ListClustersQuery(limit = 500)) } }
        "json500" -> { -> runBlocking { client.callJson("clusters", "list", listOf(), null, """{"limit": 500}""") } }
        else -> error("unknown op $op")
    }
}

private inline fun medianUs(calls: Int, call: () -> Unit): Double {
    repeat(calls / 4) { call() }
    val times = DoubleArray(calls) {
        val started = System.nanoTime()
        call()
        (System.nanoTime() - started) / 1000.0
    }
    times.sort()
    return times[calls / 2]
}

// The JVM half alone: one page of 500 lowered once, then read back by the generated converter,
// from the Rust buffer in place ("native", what liftFromRustBuffer does) and from a heap copy of
// it ("heap"), interleaved in one JVM so the load of a shared machine hits both alike.
private fun liftOnly(base: String, creds: Map<String, String>, calls: Int) {
    val client = oursClient(base, creds)
    val page = runBlocking { client.clusters().list(ListClustersQuery(limit = 500)) }
    val rbuf = FfiConverterTypeClusterList.lower(page)
    check(FfiConverterTypeClusterList.read(rbuf.asByteBuffer()!!) == page)
    val native = ArrayList<Double>()
    val heap = ArrayList<Double>()
    repeat(40) {
        native.add(medianUs(calls) { FfiConverterTypeClusterList.read(rbuf.asByteBuffer()!!) })
        heap.add(
            medianUs(calls) {
                val direct = rbuf.asByteBuffer()!!
                val copy = ByteBuffer.allocate(direct.remaining())
                copy.put(direct).flip()
                FfiConverterTypeClusterList.read(copy)
            },
        )
    }
    native.sort()
    heap.sort()
    println("""{"op": "lift500", "native_us": ${native[20]}, "heap_us": ${heap[20]}, "bytes": ${rbuf.len}}""")
}
