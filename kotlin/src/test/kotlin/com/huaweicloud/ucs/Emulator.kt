package com.huaweicloud.ucs

import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/**
 * A `ucs emulator` process on a free port, with `extraArgs` after the defaults. Line 1 of its
 * stdout is the base URL, line 2 the demo credentials (JSON).
 */
class EmulatorProcess(vararg extraArgs: String) : AutoCloseable {
    val baseUrl: String
    private val credentials: Map<String, String>
    private val process: Process
    private val http = HttpClient.newHttpClient()

    init {
        val bin = System.getenv("UCS_BIN")
            ?: System.getProperty("ucs.bin")
            ?: File("../target/debug/ucs").absolutePath
        check(File(bin).canExecute()) { "emulator binary $bin missing: run `cargo build -p ucs-cli` or set UCS_BIN" }
        process = ProcessBuilder(bin, "emulator", "--listen", "127.0.0.1:0", "--federation-seconds", "0", *extraArgs)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start()
        Runtime.getRuntime().addShutdownHook(Thread { process.destroy() })
        val out = BufferedReader(InputStreamReader(process.inputStream))
        baseUrl = out.readLine()?.trim()?.trimEnd('/') ?: error("emulator printed no base URL")
        val json = out.readLine() ?: error("emulator printed no credentials")
        credentials = Regex("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"").findAll(json)
            .associate { it.groupValues[1] to it.groupValues[2] }
        // Keep draining stdout so the emulator never blocks on a full pipe.
        Thread { out.useLines { lines -> lines.forEach { } } }.apply { isDaemon = true }.start()
    }

    fun credential(name: String): String = credentials[name] ?: error("no `$name` in the emulator's credentials")

    /** Calls a control endpoint under `/_emulator/`; fails the test on a non-2xx answer. */
    fun control(method: String, path: String, body: String = "{}"): String {
        val request = HttpRequest.newBuilder(URI.create("$baseUrl/_emulator/$path"))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() in 200..299) { "$method $path answered ${response.statusCode()}: ${response.body()}" }
        return response.body()
    }

    fun reset() {
        control("POST", "reset")
    }

    /** A client signing with the demo AK/SK, every service pointed at the emulator. */
    fun client(maxRetries: UInt? = null): UcsClient = UcsClient(options().copy(maxRetries = maxRetries))

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

    override fun close() {
        process.destroy()
        process.waitFor()
    }
}

/** The emulator process shared by every test class: started once, killed when the JVM exits. */
object Emulator {
    private val shared = EmulatorProcess()
    val baseUrl: String get() = shared.baseUrl

    fun credential(name: String): String = shared.credential(name)

    fun control(method: String, path: String, body: String = "{}"): String = shared.control(method, path, body)

    fun reset() = shared.reset()

    fun client(maxRetries: UInt? = null): UcsClient = shared.client(maxRetries)

    fun options(): ClientOptions = shared.options()
}
