// Test helpers for users' own tests, in the style of moto: a `ucs emulator` process on a free
// loopback port and clients connected to it. JUnit 5 users take UcsEmulatorExtension instead.
package com.huaweicloud.ucs.testing

import com.huaweicloud.ucs.ClientOptions
import com.huaweicloud.ucs.Secret
import com.huaweicloud.ucs.UcsClient
import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** The `ucs` binary is missing, the emulator did not start, or a control call failed. */
class UcsEmulatorException(message: String) : RuntimeException(message)

/**
 * A running `ucs emulator --listen 127.0.0.1:0 --federation-seconds 0` process: its [baseUrl], the
 * demo account's credentials and clients connected to every service. [close] stops it.
 *
 * ```kotlin
 * UcsEmulator.start().use { emulator ->
 *     emulator.client().use { client -> client.clusters().supportedVersions() }
 * }
 * ```
 */
class UcsEmulator private constructor(
    private val process: Process,
    /** `http://127.0.0.1:PORT`, the endpoint of every service. */
    val baseUrl: String,
    private val credentials: Map<String, String>,
) : AutoCloseable {
    private val http = HttpClient.newHttpClient()

    companion object {
        /** The system property naming the `ucs` binary (after `UCS_BIN`, before `PATH`). */
        const val BINARY_PROPERTY = "ucs.bin"

        /**
         * Starts an emulator; [args] are extra `ucs emulator` flags (`--quota 3`,
         * `--fault-latency-ms 50`, ...); [binary] defaults to [binary()][binary].
         */
        @JvmStatic
        @JvmOverloads
        fun start(binary: String? = null, args: List<String> = emptyList()): UcsEmulator {
            val bin = binary ?: binary()
            if (!File(bin).canExecute()) throw UcsEmulatorException("ucs binary $bin: not an executable file")
            val process = ProcessBuilder(listOf(bin, "emulator", "--listen", "127.0.0.1:0", "--federation-seconds", "0") + args)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start()
            val out = process.inputStream.bufferedReader()
            // Line 1 is the base URL, line 2 the demo credentials (JSON); end of input before them
            // means the process ended.
            val base = out.readLine()?.trim()?.trimEnd('/')
            val json = out.readLine()
            if (base == null || json == null) {
                process.destroy()
                throw UcsEmulatorException("$bin emulator ended (status ${process.waitFor()}) before printing its address")
            }
            // Flat JSON of string values: no JSON library needed for it.
            val credentials = Regex("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"").findAll(json)
                .associate { it.groupValues[1] to it.groupValues[2] }
            // Keep draining stdout so the emulator never blocks on a full pipe.
            Thread { out.useLines { lines -> lines.forEach { } } }.apply { isDaemon = true }.start()
            return UcsEmulator(process, base, credentials)
        }

        /** The `ucs` binary [start] runs: `UCS_BIN`, else the `ucs.bin` system property, else `ucs` on `PATH`. */
        @JvmStatic
        fun binary(): String {
            System.getenv("UCS_BIN")?.takeIf { it.isNotEmpty() }?.let { return it }
            System.getProperty(BINARY_PROPERTY)?.takeIf { it.isNotEmpty() }?.let { return it }
            val onPath = System.getenv("PATH").orEmpty().split(File.pathSeparatorChar)
                .filter { it.isNotEmpty() }
                .map { File(it, "ucs") }
                .firstOrNull { it.isFile && it.canExecute() }
            return onPath?.absolutePath ?: throw UcsEmulatorException(
                "no ucs binary: set UCS_BIN or -D$BINARY_PROPERTY=... to a `ucs` (bash scripts/package.sh cli), or put it on PATH",
            )
        }
    }

    /** The demo credential [name] (`ak`, `sk`, `domain_id`, `project_id`, `user`, `password`, `domain_name`). */
    fun credential(name: String): String =
        credentials[name] ?: throw UcsEmulatorException("no `$name` in the emulator's credentials")

    /** Options of a client signing with the demo AK/SK, every service pointed at this emulator. */
    fun options(): ClientOptions = ClientOptions(
        endpoint = baseUrl,
        hssEndpoint = baseUrl,
        iamEndpoint = baseUrl,
        karmadaEndpoint = "$baseUrl/karmada/{fleet}",
        ak = credential("ak"),
        sk = Secret(credential("sk")),
        domainId = credential("domain_id"),
        projectId = credential("project_id"),
    )

    /** A new client of [options]; close it when done. */
    fun client(): UcsClient = UcsClient(options())

    /** Calls the control API, `/_emulator/{path}` (`reset`, `faults`, ...); throws unless it answers 2xx. */
    @JvmOverloads
    fun control(method: String, path: String, body: String = "{}"): String {
        val request = HttpRequest.newBuilder(URI.create("$baseUrl/_emulator/$path"))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        if (response.statusCode() !in 200..299) {
            throw UcsEmulatorException("$method /_emulator/$path answered ${response.statusCode()}: ${response.body()}")
        }
        return response.body()
    }

    /** Forgets every resource, fault and quota change. */
    fun reset() {
        control("POST", "reset")
    }

    /** Whether the process still runs. */
    val isRunning: Boolean get() = process.isAlive

    // The credentials stay out of the text form.
    override fun toString(): String = "UcsEmulator(baseUrl=$baseUrl, pid=${process.pid()})"

    /** Stops the process and waits for it; calling it again does nothing. */
    override fun close() {
        process.destroy()
        process.waitFor()
    }
}
