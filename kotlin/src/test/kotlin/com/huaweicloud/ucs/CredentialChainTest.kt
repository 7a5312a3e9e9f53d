package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.CreateMulticloudCluster
import com.huaweicloud.ucs.models.CreateMulticloudClusterQuery
import com.huaweicloud.ucs.models.PageQuery
import com.sun.jna.Library
import com.sun.jna.Native
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/**
 * The official credential and region chain through `UcsClient.fromEnv`: keys from a profile
 * file's `[basiccredentials]` section, endpoints from `HUAWEICLOUD_SDK_REGION_*` overrides.
 * The JVM cannot change its own environment, so the variables are set with libc's `setenv` (the
 * Rust core reads the process environment) for one test at a time and removed afterwards.
 */
class CredentialChainTest {
    @Suppress("FunctionName")
    private interface LibC : Library {
        fun setenv(name: String, value: String, overwrite: Int): Int
        fun unsetenv(name: String): Int
    }

    private val libc: LibC = Native.load("c", LibC::class.java)

    private val cleared = listOf(
        "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN",
        "HUAWEICLOUD_SDK_DOMAIN_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_IAM_ENDPOINT",
        "UCS_ENDPOINT", "UCS_HSS_ENDPOINT", "UCS_IAM_ENDPOINT", "HUAWEICLOUD_SDK_REGIONS_FILE",
    )

    @BeforeEach
    fun reset() = Emulator.reset()

    private fun <T> withProfile(sk: String, block: () -> T): T {
        val dir = Files.createTempDirectory("ucs-kotlin-creds-")
        val file = dir.resolve("credentials")
        Files.writeString(
            file,
            "[basiccredentials]\nak = ${Emulator.credential("ak")}\nsk = $sk\n" +
                "project_id = ${Emulator.credential("project_id")}\n" +
                "[globalcredentials]\ndomain_id = ${Emulator.credential("domain_id")}\n",
        )
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"))
        val set = mapOf(
            "HUAWEICLOUD_SDK_CREDENTIALS_FILE" to file.toString(),
            "UCS_REGION" to "cn-north-4",
            "HUAWEICLOUD_SDK_REGION_UCS_CN_NORTH_4" to Emulator.baseUrl,
            "HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4" to Emulator.baseUrl,
        )
        val saved = (cleared + set.keys).associateWith { System.getenv(it) }
        try {
            cleared.forEach { libc.unsetenv(it) }
            set.forEach { (k, v) -> check(libc.setenv(k, v, 1) == 0) { "setenv $k" } }
            return block()
        } finally {
            saved.forEach { (k, v) -> if (v == null) libc.unsetenv(k) else libc.setenv(k, v, 1) }
            File(dir.toString()).deleteRecursively()
        }
    }

    @Test
    fun fromEnvSignsWithTheBasicCredentialsProfile(): Unit = runBlocking {
        val client = withProfile(Emulator.credential("sk")) { UcsClient.fromEnv(ClientOptions(maxRetries = 0u)) }
        assertEquals(0L, client.rules().list(PageQuery()).total)
        val made = client.hss().createMulticloudCluster(
            CreateMulticloudCluster(name = "mc", provider = "tencent", kubeConfig = "apiVersion: v1\nkind: Config\n"),
            CreateMulticloudClusterQuery(),
        )
        assertTrue(made.clusterId.isNotEmpty())
    }

    @Test
    fun fromEnvUsesTheProfileKeysNotOthers(): Unit = runBlocking {
        val client = withProfile("not-the-secret-key") { UcsClient.fromEnv(ClientOptions(maxRetries = 0u)) }
        val e = thrown<UcsException.Auth> { client.rules().list(PageQuery()) }
        assertEquals(401, e.status)
        assertFalse(e.message.contains("not-the-secret-key"), "the SK leaked into the error")
    }
}
