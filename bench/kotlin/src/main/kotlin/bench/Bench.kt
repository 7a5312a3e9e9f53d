// Kotlin rows of bench/RESULTS.md: ucs-sdk (the Kotlin package, on the Rust core) against the
// official Java SDK's core, the same calls as the other languages. One JSON line per measurement.
//     java -cp ... bench.BenchKt BASE CREDENTIALS_JSON CLUSTER_ID
package bench

import com.huaweicloud.ucs.ClientOptions
import com.huaweicloud.ucs.Secret
import com.huaweicloud.ucs.UcsClient
import com.huaweicloud.ucs.models.ListClustersQuery
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

private val RUNS = linkedMapOf("get" to 2000, "list50" to 300, "list500" to 60)
private const val CONCURRENT = 64
private const val CALLS_EACH = 100

private fun emit(client: String, op: String, fields: String) =
    println("""{"lang": "kotlin", "client": "$client", "op": "$op", $fields}""")

/** Median and 90th percentile of sequential calls, after as many warm-up calls (the JIT's share). */
private inline fun latencies(client: String, op: String, call: () -> Unit) {
    val runs = RUNS.getValue(op)
    repeat(runs) { call() }
    val times = DoubleArray(runs) {
        val started = System.nanoTime()
        call()
        (System.nanoTime() - started) / 1000.0
    }
    times.sort()
    val median = (times[(runs - 1) / 2] + times[runs / 2]) / 2
    emit(client, op, """"median_us": $median, "p90_us": ${times[runs * 9 / 10]}, "runs": $runs""")
}

private fun throughput(client: String, seconds: Double) =
    emit(client, "concurrent64", """"calls_per_sec": ${CONCURRENT * CALLS_EACH / seconds}""")

/** The ucs-sdk client of the emulator at `base` (also bench/kotlin Profile.kt's). */
internal fun oursClient(base: String, creds: Map<String, String>) = UcsClient(
    ClientOptions(
        endpoint = base,
        ak = creds.getValue("ak"),
        sk = Secret(creds.getValue("sk")),
        domainId = creds.getValue("domain_id"),
    ),
)

private fun ours(base: String, creds: Map<String, String>, cid: String) {
    val client = oursClient(base, creds)
    val clusters = client.clusters()
    runBlocking {
        latencies("ucs-sdk", "get") { clusters.get(cid) }
        latencies("ucs-sdk", "list50") { clusters.list(ListClustersQuery(limit = 50)) }
        latencies("ucs-sdk", "list500") { clusters.list(ListClustersQuery(limit = 500)) }
    }
    // 64 coroutines, each calling in turn; a first round warms up.
    repeat(2) { round ->
        val started = System.nanoTime()
        runBlocking(Dispatchers.Default) {
            repeat(CONCURRENT) { launch { repeat(CALLS_EACH) { clusters.get(cid) } } }
        }
        if (round == 1) throughput("ucs-sdk", (System.nanoTime() - started) / 1e9)
    }
    client.close()
}

private fun official(base: String, creds: Map<String, String>, cid: String) {
    val client = officialClient(base, creds.getValue("ak"), creds.getValue("sk"), creds.getValue("domain_id"))
    val get = ShowClusterRequest().apply { clusterid = cid }
    val list50 = ShowClusterListRequest().apply { limit = 50 }
    val list500 = ShowClusterListRequest().apply { limit = 500 }
    latencies("official-core", "get") { client.syncInvokeHttp(get, UcsMeta.showCluster) }
    latencies("official-core", "list50") { client.syncInvokeHttp(list50, UcsMeta.showClusterList) }
    latencies("official-core", "list500") { client.syncInvokeHttp(list500, UcsMeta.showClusterList) }
    // 64 threads of blocking calls (the official SDK's sync client), a first round warms up.
    val pool = Executors.newFixedThreadPool(CONCURRENT)
    repeat(2) { round ->
        val started = System.nanoTime()
        val tasks = List(CONCURRENT) {
            pool.submit { repeat(CALLS_EACH) { client.syncInvokeHttp(get, UcsMeta.showCluster) } }
        }
        tasks.forEach { it.get() }
        if (round == 1) throughput("official-core", (System.nanoTime() - started) / 1e9)
    }
    pool.shutdown()
    pool.awaitTermination(10, TimeUnit.SECONDS)
}

fun main(args: Array<String>) {
    require(args.size >= 3) { "usage: BenchKt BASE CREDENTIALS_JSON CLUSTER_ID [ours|official ...]" }
    val (base, credsText, cid) = args
    val creds = Regex("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"").findAll(credsText)
        .associate { it.groupValues[1] to it.groupValues[2] }
    val which = args.drop(3).ifEmpty { listOf("ours", "official") }
    if ("ours" in which) ours(base, creds, cid)
    if ("official" in which) official(base, creds, cid)
}
