// The JUnit 5 extension of the test helpers: one emulator for every test class registering it
// (with the same flags), reset before each test, and UcsClient / UcsEmulator test parameters.
package com.huaweicloud.ucs.testing

import com.huaweicloud.ucs.UcsClient
import org.junit.jupiter.api.extension.BeforeEachCallback
import org.junit.jupiter.api.extension.ExtensionContext
import org.junit.jupiter.api.extension.ParameterContext
import org.junit.jupiter.api.extension.ParameterResolver

/**
 * Starts the `ucs` emulator ([UcsEmulator.binary]: `UCS_BIN`, the `ucs.bin` property or `PATH`)
 * once per test run and set of [args], resets it before every test, and resolves test
 * parameters of type [UcsClient] (a connected client, closed after the test) and [UcsEmulator]
 * (base URL, credentials, `control`, `reset`). JUnit stops the process when the run ends.
 *
 * ```kotlin
 * @ExtendWith(UcsEmulatorExtension::class)
 * class MyTest {
 *     @Test fun registers(client: UcsClient) = runBlocking { ... }
 * }
 * // or, with flags:  @JvmField @RegisterExtension val emulator = UcsEmulatorExtension(args = listOf("--quota", "3"))
 * ```
 */
class UcsEmulatorExtension @JvmOverloads constructor(
    private val binary: String? = null,
    private val args: List<String> = emptyList(),
) : BeforeEachCallback, ParameterResolver {
    private class Running(val emulator: UcsEmulator) : ExtensionContext.Store.CloseableResource {
        override fun close() = emulator.close()
    }

    private class OpenClient(val client: UcsClient) : ExtensionContext.Store.CloseableResource {
        override fun close() = client.close()
    }

    /** The emulator of this extension's flags, started on first use and kept in the root store. */
    fun emulator(context: ExtensionContext): UcsEmulator {
        val store = context.root.getStore(NAMESPACE)
        val key = "emulator ${binary ?: UcsEmulator.binary()} ${args.joinToString(" ")}"
        return store.getOrComputeIfAbsent(key, { Running(UcsEmulator.start(binary, args)) }, Running::class.java).emulator
    }

    override fun beforeEach(context: ExtensionContext) {
        emulator(context).reset()
    }

    override fun supportsParameter(parameter: ParameterContext, extension: ExtensionContext): Boolean =
        parameter.parameter.type == UcsClient::class.java || parameter.parameter.type == UcsEmulator::class.java

    override fun resolveParameter(parameter: ParameterContext, extension: ExtensionContext): Any {
        val emulator = emulator(extension)
        if (parameter.parameter.type == UcsEmulator::class.java) return emulator
        // Closed with the context that asked for it (the test method's, or the class's).
        val client = emulator.client()
        extension.getStore(NAMESPACE).put("client ${parameter.index} ${System.identityHashCode(client)}", OpenClient(client))
        return client
    }

    private companion object {
        val NAMESPACE: ExtensionContext.Namespace = ExtensionContext.Namespace.create(UcsEmulatorExtension::class.java)
    }
}
