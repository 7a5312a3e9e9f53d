package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.DownloadKubeconfigRequest
import com.huaweicloud.ucs.models.EnableFederationQuery
import com.huaweicloud.ucs.models.FederationKubeconfigRequest
import com.huaweicloud.ucs.models.NameMeta
import com.huaweicloud.ucs.models.ProgressEvent
import com.huaweicloud.ucs.models.RegisterFleet
import com.huaweicloud.ucs.models.RegisterFleetSpec
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import java.util.Collections
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

class FleetsTest {
    private val client = Emulator.client()

    @BeforeEach
    fun reset() = Emulator.reset()

    // The step-by-step "every operation" scenario is SharedCasesTest (tests/cases/operations);
    // here what it cannot express: the waiter and its listener, the Kubeconfig object.
    @Test
    fun waiterAndKubeconfigObjects(): Unit = runBlocking {
        val fleets = client.fleets()
        val a = client.clusters().register(attached("a")).uid
        val fleet = fleets.register(
            RegisterFleet(metadata = NameMeta(name = "fleet1"), spec = RegisterFleetSpec(clusterIds = listOf(a), description = "first")),
        ).uid
        assertEquals(fleet, present(client.clusters().get(a).spec, "spec").clusterGroupId)
        fleets.enableFederation(fleet, EnableFederationQuery())
        val events = Collections.synchronizedList(mutableListOf<ProgressEvent>())
        val job = fleets.waitFederation(fleet, 30_000uL, object : ProgressListener {
            override fun onProgress(event: ProgressEvent) {
                events.add(event)
            }
        })
        assertTrue(job.status?.phase in listOf("Success", "Succeeded", "Completed"), "final phase ${job.status?.phase}")
        for (sub in listOf("CreateNode", "CreateCert", "InstallFederationChart", "CreateNetworkResource")) {
            assertTrue(events.any { it.isSubJob && it.job == sub && it.phase == "Success" }, "no Success event for $sub: $events")
        }
        val projectId = Emulator.credential("project_id")
        val cert = fleets.createFederationKubeconfig(fleet, FederationKubeconfigRequest(projectId = projectId, vpcId = "vpc-1", subnetId = "subnet-1", duration = 30))
        assertTrue(cert.servers().isNotEmpty())
        assertTrue(cert.toJson().contains("current-context"))
        assertFalse(cert.toString().contains("client-key-data") || cert.toString().contains("token"), "kubeconfig text form leaks credentials: $cert")
        val downloaded = fleets.downloadFederationKubeconfig(fleet, DownloadKubeconfigRequest(duration = 1))
        assertNotNull(downloaded.currentContext())
        // A federated fleet is not deleted (UCS.01080002).
        val busy = thrown<UcsException> { fleets.delete(fleet) }
        assertEquals(400, busy.status())
        assertEquals("UCS.01080002", busy.errorCode())
    }
}
