package com.huaweicloud.ucs

import com.sun.jna.NativeLibrary
import com.sun.jna.Platform
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull

class NativeLibraryTest {
    // The jar carries the library where JNA looks on the classpath: no property points at it.
    @Test
    fun libraryComesFromTheClasspathWithoutAnyProperty(): Unit = runBlocking {
        for (property in listOf(
            "jna.library.path",
            "uniffi.component.ucs_uniffi.libraryOverride",
            "uniffi.component.ucs_models.libraryOverride",
        )) {
            assertNull(System.getProperty(property), "$property is set: the test would not prove the classpath lookup")
        }
        val resource = assertNotNull(
            javaClass.classLoader.getResource("${Platform.RESOURCE_PREFIX}/libucs_uniffi.so"),
            "no ${Platform.RESOURCE_PREFIX}/libucs_uniffi.so on the classpath",
        )
        Emulator.client().clusters().supportedVersions()
        // From a folder on the classpath (target/classes) JNA loads the resource file itself.
        val loaded = NativeLibrary.getInstance("ucs_uniffi").file
        assertEquals(File(resource.toURI()).canonicalPath, loaded.canonicalPath)
    }
}
