package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.EnableFederationQuery
import com.huaweicloud.ucs.models.NameMeta
import com.huaweicloud.ucs.models.RegisterFleet
import com.huaweicloud.ucs.models.UpdateDescription
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * Fault soak: a few thousand calls against an emulator injecting random 5xx, 429 with
 * Retry-After, dropped connections and latency. Its request log then shows that no POST ran twice
 * and no retry came before Retry-After; every idempotent call ends, by its deadline, in a success
 * or a fault-caused typed error. UCS_SOAK_CALLS raises the call count (default 2000).
 */
class FaultSoakTest {
    private companion object {
        const val RETRY_AFTER_SECS = 1 // the emulator sends whole seconds
        const val WORKERS = 16 // sequential callers side by side; each one's paths are its own
        const val UNITS_PER_CLIENT = 20 // a fresh client per this many units keeps its retry budget far from empty
        const val DEADLINE_MS = 15_000L
        const val CREATE_PATH = "/v1/clustergroups"
    }

    private class Outcome(val method: String, val path: String, val error: UcsException?, val elapsedMs: Double)

    /** One request-log line: flat JSON, so a field pattern reads it without a JSON library. */
    private class Entry(line: String) {
        private val fields = Regex("\"(\\w+)\":(\"[^\"]*\"|[^,}]*)").findAll(line)
            .associate { it.groupValues[1] to it.groupValues[2].trim('"') }
        val method = fields.getValue("method")
        val path = fields.getValue("path")
        val status = fields.getValue("status").toInt()
        val fault = fields["fault"]?.takeIf { it != "null" }
        val atMs = fields.getValue("at_ms").toDouble()
        val durationMs = fields.getValue("duration_ms").toDouble()

        /** The request reached the emulator's handler (no injected answer, no drop). */
        val executed get() = fault == null
    }

    /** An emulator process of its own: a request-log file and room for thousands of fleets. */
    private class FaultyEmulator(log: File) : AutoCloseable {
        private val process = EmulatorProcess("--quota", "100000", "--request-log", log.path)

        fun control(method: String, path: String, body: String) {
            process.control(method, path, body)
        }

        fun client() = UcsClient(
            process.options().copy(timeoutMs = DEADLINE_MS.toULong(), maxRetries = 8u),
        )

        override fun close() = process.close()
    }

    private suspend fun <T> timed(out: MutableList<Outcome>, method: String, path: String, call: suspend () -> T): T? {
        val started = System.nanoTime()
        val result = try {
            Result.success(call())
        } catch (e: UcsException) {
            Result.failure(e)
        }
        out.add(Outcome(method, path, result.exceptionOrNull() as UcsException?, (System.nanoTime() - started) / 1e6))
        return result.getOrNull()
    }

    /** One worker's units, in turn, until it made [calls] calls: each unit has a fleet of its own. */
    private suspend fun worker(emu: FaultyEmulator, w: Int, calls: Int): Pair<List<Outcome>, List<String>> {
        val out = mutableListOf<Outcome>()
        val created = mutableListOf<String>()
        var unit = 0
        while (out.size < calls) {
            emu.client().use { client ->
                val fleets = client.fleets()
                repeat(UNITS_PER_CLIENT) {
                    if (out.size >= calls) return@repeat
                    val name = "soak-$w-${unit++}"
                    val made = timed(out, "POST", CREATE_PATH) { fleets.register(RegisterFleet(metadata = NameMeta(name = name))) }
                        ?: return@repeat
                    created.add(name)
                    val id = made.uid
                    val fleet = "$CREATE_PATH/$id"
                    timed(out, "GET", fleet) { fleets.get(id) }
                    timed(out, "PUT", "$fleet/description") { fleets.updateDescription(id, UpdateDescription(description = name)) }
                    val enable = "$fleet/federations"
                    val enabled = timed(out, "POST", enable) { fleets.enableFederation(id, EnableFederationQuery()) } != null
                    // An enable that ended in a timeout or a lost connection may have run; an error answer means it did not.
                    val enableError = out.last().error
                    val maybeEnabled = enabled || enableError is UcsException.Timeout || enableError is UcsException.Connection
                    if (enabled) {
                        timed(out, "GET", "$enable/progress") { fleets.federationProgress(id) }
                    }
                    // A federated fleet cannot be deleted (UCS.01080002): take the federation down first (the job takes no time here).
                    if (maybeEnabled) {
                        timed(out, "DELETE", enable) { fleets.disableFederation(id) }
                    }
                    timed(out, "DELETE", fleet) { fleets.delete(id) }
                }
            }
        }
        return out to created
    }

    private fun faultCaused(e: UcsException) = when (e) {
        is UcsException.Timeout, is UcsException.Connection, is UcsException.Throttled -> true
        is UcsException.Api -> (e.status ?: 0) >= 500
        else -> false
    }

    /**
     * A refusal an earlier fault of the same fleet's unit explains: disabling a federation an
     * enable ending in a fault never made (UCS.01080006), or deleting a fleet whose disable a
     * fault stopped, so it is still federated (UCS.01080002).
     */
    private fun refusalExplained(o: Outcome, outcomeOf: Map<Pair<String, String>, Outcome>): Boolean {
        fun failedByFault(method: String, path: String) = outcomeOf[method to path]?.error?.let { faultCaused(it) } ?: false
        val code = (o.error as? UcsException.Api)?.errorCode
        return when {
            o.method != "DELETE" -> false
            code == "UCS.01080006" && o.path.endsWith("/federations") -> failedByFault("POST", o.path)
            code == "UCS.01080002" -> failedByFault("DELETE", "${o.path}/federations")
            else -> false
        }
    }

    @Test
    fun faultSoakKeepsPostsSingleAndWaitsForRetryAfter(): Unit = runBlocking {
        val dir = Files.createTempDirectory("ucs-soak-").toFile()
        val log = File(dir, "requests.jsonl")
        try {
            val calls = System.getenv("UCS_SOAK_CALLS")?.toIntOrNull() ?: 2000
            val started = System.nanoTime()
            val results = FaultyEmulator(log).use { emu ->
                emu.control(
                    "PUT", "faults",
                    """{"error_rate": 0.05, "throttle_rate": 0.02, "retry_after_secs": $RETRY_AFTER_SECS, "latency_ms": 1, "drop_rate": 0.03}""",
                )
                // A few scripted faults first, so every kind is seen even in a short run.
                emu.control(
                    "POST", "faults/next",
                    """[{"status": 429, "retry_after_secs": $RETRY_AFTER_SECS, "method": "GET", "times": 3},
                        {"drop": true, "method": "POST", "times": 3},
                        {"drop": true, "method": "DELETE", "times": 2},
                        {"status": 503, "method": "PUT", "times": 2}]""",
                )
                (0 until WORKERS).map { w -> async { worker(emu, w, calls / WORKERS + if (w < calls % WORKERS) 1 else 0) } }.awaitAll()
            }
            val soakSeconds = (System.nanoTime() - started) / 1e9
            val outcomes = results.flatMap { it.first }
            val created = results.flatMap { it.second }
            val entries = log.readLines().filter { it.isNotBlank() }.map(::Entry)

            // Every idempotent call ended by its deadline, in a success or an error the faults explain.
            val idempotent = outcomes.filter { it.method != "POST" }
            val failed = idempotent.filter { it.error != null }
            val outcomeOf = outcomes.filter { it.path != CREATE_PATH }.associateBy { it.method to it.path }
            val unexplained = failed
                .filter { !faultCaused(it.error!!) && !refusalExplained(it, outcomeOf) }
                .map { "${it.method} ${it.path}: ${it.error}" }
            assertEquals(emptyList(), unexplained)
            val slowest = idempotent.maxOfOrNull { it.elapsedMs } ?: 0.0

            // No POST executed twice. A fleet creation carries a fresh name, and a second execution
            // would be refused (names are unique): every executed create must have succeeded, once
            // per create the client saw succeed.
            val creates = entries.filter { it.method == "POST" && it.path == CREATE_PATH && it.executed }
            val createsTwice = creates.count { it.status !in 200..299 }
            val createsOk = outcomes.count { it.method == "POST" && it.path == CREATE_PATH && it.error == null }
            assertEquals(created.size, createsOk)
            assertEquals(createsOk, creates.size - createsTwice, "executed fleet creations differ from the successful ones")
            // Enabling federation names its fleet in the path: count executions per call.
            val executions = entries.filter { it.method == "POST" && it.path != CREATE_PATH && it.executed }
                .groupingBy { it.path }.eachCount()
            val enables = outcomes.filter { it.method == "POST" && it.path != CREATE_PATH }
            val enablesTwice = enables.count { (executions[it.path] ?: 0) > 1 }
            val notOnce = enables.filter { it.error == null && executions[it.path] != 1 }.map { it.path }
            assertEquals(emptyList(), notOnce, "successful POSTs not executed exactly once")
            val postsTwice = createsTwice + enablesTwice

            // No retry before Retry-After: every path but the create one belongs to one sequential
            // call, so the request after a 429 on it is that call's retry.
            val early = mutableListOf<String>()
            var throttledRetries = 0
            var minGap = Double.POSITIVE_INFINITY
            for ((key, requests) in entries.filter { it.path != CREATE_PATH }.groupBy { "${it.method} ${it.path}" }) {
                for ((before, after) in requests.sortedBy { it.atMs }.zipWithNext()) {
                    if (before.status != 429) continue
                    val gap = after.atMs - (before.atMs + before.durationMs)
                    throttledRetries++
                    minGap = minOf(minGap, gap)
                    if (gap < RETRY_AFTER_SECS * 1000) early.add("$key: ${"%.1f".format(gap)} ms")
                }
            }

            val drops = entries.count { it.fault == "drop" }
            val throttles = entries.count { it.fault != null && it.status == 429 }
            val errors = entries.count { it.fault != null && it.status >= 500 }
            println(
                "fault soak (kotlin): calls ${outcomes.size} (${idempotent.size} idempotent, ${outcomes.size - idempotent.size} POST)" +
                    " in ${"%.1f".format(soakSeconds)} s, requests ${entries.size}; faults injected ${drops + throttles + errors}" +
                    " (5xx $errors, 429 $throttles, dropped $drops); POSTs executed twice: $postsTwice;" +
                    " retries before Retry-After: ${early.size} (of $throttledRetries retries after a 429," +
                    " shortest wait ${"%.0f".format(minGap)} ms); idempotent calls failed: ${failed.size}," +
                    " slowest ${"%.0f".format(slowest)} ms (deadline $DEADLINE_MS ms)",
            )
            assertEquals(0, postsTwice, "POSTs executed twice")
            assertEquals(emptyList(), early, "retries before Retry-After")
            assertTrue(drops > 0 && throttles > 0 && errors > 0 && throttledRetries > 0, "every fault kind must be exercised")
        } finally {
            dir.deleteRecursively()
        }
    }
}
