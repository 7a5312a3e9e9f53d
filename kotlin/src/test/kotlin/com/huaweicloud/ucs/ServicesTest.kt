package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.CreateMulticloudCluster
import com.huaweicloud.ucs.models.RegisterClusterMetadata
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class ServicesTest {
    @BeforeEach
    fun reset() = Emulator.reset()

    // The HSS operation with its refusals is SharedCasesTest (tests/cases/operations).
    @Test
    fun iamResolvesIdsAndIssuesPasswordTokens(): Unit = runBlocking {
        val base = Emulator.baseUrl
        val resolving = UcsClient(
            ClientOptions(
                endpoint = base, iamEndpoint = base, region = "cn-north-4",
                ak = Emulator.credential("ak"), sk = Secret(Emulator.credential("sk")),
            ),
        )
        assertEquals(Emulator.credential("domain_id"), resolving.iam().domainId())
        assertEquals(Emulator.credential("project_id"), resolving.iam().projectId())
        resolving.clusters().supportedVersions()

        val byPassword = UcsClient(
            ClientOptions(
                endpoint = base, iamEndpoint = base, hssEndpoint = base, region = "cn-north-4",
                user = Emulator.credential("user"), password = Secret(Emulator.credential("password")),
                domainName = Emulator.credential("domain_name"),
            ),
        )
        byPassword.clusters().supportedVersions()
        val token = byPassword.iam().token()
        assertTrue(token.value.isNotEmpty())
        assertEquals("***", token.toString())
    }

    @Test
    fun secretsNeverShowInText() {
        val options = Emulator.options().copy(password = Secret("hunter2-password"), token = Secret("tok-secret"))
        val sk = Emulator.credential("sk")
        val text = options.toString()
        for (secret in listOf(sk, "hunter2-password", "tok-secret")) {
            assertFalse(text.contains(secret), "options text shows a secret: $text")
        }
        val client = UcsClient(Emulator.options())
        assertFalse(client.toString().contains(sk), "client text shows the SK: $client")

        // Request records holding secrets print the core's redacting Debug.
        val hss = CreateMulticloudCluster(name = "mc", imageRepoPassword = "repo-pass-secret", kubeConfig = "kubeconfig-secret")
        assertTrue(hss.toString().contains("mc"), hss.toString())
        assertFalse(hss.toString().contains("repo-pass-secret") || hss.toString().contains("kubeconfig-secret"), hss.toString())
        val register = attached("withkc").copy(
            metadata = RegisterClusterMetadata(name = "withkc", annotations = mapOf("kubeconfig" to "kubeconfig-secret")),
        )
        assertFalse(register.toString().contains("kubeconfig-secret"), register.toString())
    }
}
