// Kotlin rows of bench/RESULTS.md: ucs-sdk (uniffi over the Rust core) vs the official Java SDK,
// clusters.get, clusters.list (50, 500) and 64 calls in flight, one JSON line per measurement.
import com.huaweicloud.sdk.core.auth.GlobalCredentials
import com.huaweicloud.sdk.core.http.HttpConfig
import com.huaweicloud.sdk.ucs.v1.model.ShowClusterListRequest
import com.huaweicloud.sdk.ucs.v1.model.ShowClusterRequest
import com.huaweicloud.ucs.ClientOptions
import com.huaweicloud.ucs.Secret
import com.huaweicloud.ucs.UcsClient
import com.huaweicloud.ucs.models.ListClustersQuery
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import com.huaweicloud.sdk.ucs.v1.UcsClient as OfficialClient

fun emit(client: String, op: String, fields: String) =
    println("""{"lang": "kotlin", "client": "$client", "op": "$op", $fields}""")

fun latencies(client: String, op: String, runs: Int, call: () -> Unit) {
    repeat(runs / 10 + 200) { call() } // the JIT needs a longer warm-up than the other languages
    val times = DoubleArray(runs)
    for (i in 0 until runs) {
        val started = System.nanoTime()
        call()
        times[i] = (System.nanoTime() - started) / 1e3
    }
    times.sort()
    emit(client, op, """"median_us": ${times[runs / 2]}, "p90_us": ${times[runs * 9 / 10]}, "runs": $runs""")
}

fun main(args: Array<String>) {
    val (base, ak, sk, domain, cid) = args
    val ours = UcsClient(ClientOptions(endpoint = base, ak = ak, sk = Secret(sk), domainId = domain))
    val clusters = ours.clusters()
    latencies("ucs-sdk", "get", 2000) { runBlocking { clusters.get(cid) } }
    latencies("ucs-sdk", "list50", 300) { runBlocking { clusters.list(ListClustersQuery(limit = 50L)) } }
    latencies("ucs-sdk", "list500", 60) { runBlocking { clusters.list(ListClustersQuery(limit = 500L)) } }
    runBlocking(Dispatchers.Default) {
        val calls = 6400
        repeat(2) { round ->
            val started = System.nanoTime()
            (0 until 64).map { async { repeat(calls / 64) { clusters.get(cid) } } }.awaitAll()
            if (round == 1) {
                emit("ucs-sdk", "concurrent64", """"calls_per_sec": ${calls / ((System.nanoTime() - started) / 1e9)}""")
            }
        }
    }

    val config = HttpConfig.getDefaultHttpConfig()
    val credentials = GlobalCredentials().withAk(ak).withSk(sk).withDomainId(domain)
    val official = OfficialClient.newBuilder().withHttpConfig(config).withCredential(credentials)
        .withEndpoints(listOf(base)).build()
    latencies("official", "get", 2000) { official.showCluster(ShowClusterRequest().withClusterid(cid)) }
    latencies("official", "list50", 300) { official.showClusterList(ShowClusterListRequest().withLimit(50)) }
    latencies("official", "list500", 60) { official.showClusterList(ShowClusterListRequest().withLimit(500)) }
    val pool = Executors.newFixedThreadPool(64)
    repeat(2) { round ->
        val calls = 6400
        val started = System.nanoTime()
        (0 until 64).map { pool.submit { repeat(calls / 64) { official.showCluster(ShowClusterRequest().withClusterid(cid)) } } }
            .forEach { it.get() }
        if (round == 1) {
            emit("official", "concurrent64", """"calls_per_sec": ${calls / ((System.nanoTime() - started) / 1e9)}""")
        }
    }
    pool.shutdown()
    pool.awaitTermination(10, TimeUnit.SECONDS)
    ours.close()
}
