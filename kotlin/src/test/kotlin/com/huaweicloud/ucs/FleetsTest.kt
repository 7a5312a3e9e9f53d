package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.AddClusters
import com.huaweicloud.ucs.models.AssociateRules
import com.huaweicloud.ucs.models.DownloadKubeconfigRequest
import com.huaweicloud.ucs.models.EnableFederationQuery
import com.huaweicloud.ucs.models.FederationConnectionRequest
import com.huaweicloud.ucs.models.FederationKubeconfigRequest
import com.huaweicloud.ucs.models.JoinFleet
import com.huaweicloud.ucs.models.NameMeta
import com.huaweicloud.ucs.models.PageQuery
import com.huaweicloud.ucs.models.ProgressEvent
import com.huaweicloud.ucs.models.RegisterFleet
import com.huaweicloud.ucs.models.RegisterFleetSpec
import com.huaweicloud.ucs.models.UpdateDescription
import com.huaweicloud.ucs.models.UpdateZones
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

    @Test
    fun everyFleetOperationWithFederation(): Unit = runBlocking {
        val clusters = client.clusters()
        val fleets = client.fleets()
        val a = clusters.register(attached("a")).uid
        val b = clusters.register(attached("b")).uid
        val fleet = fleets.register(
            RegisterFleet(metadata = NameMeta(name = "fleet1"), spec = RegisterFleetSpec(clusterIds = listOf(a), description = "first")),
        ).uid
        val joined = present(clusters.get(a).spec, "spec")
        assertEquals(fleet, joined.clusterGroupId)
        assertEquals("grouped", joined.manageType)

        clusters.joinFleet(b, JoinFleet(clusterGroupId = fleet))
        fleets.addClusters(fleet, AddClusters(clusterIds = listOf(a, b)))
        fleets.updateDescription(fleet, UpdateDescription(description = "second"))
        assertEquals("second", fleets.get(fleet).spec?.description)
        fleets.associateRules(fleet, AssociateRules())
        assertEquals(1L, fleets.list(PageQuery()).total)

        val notFederated = thrown<UcsException> { fleets.federationProgress(fleet) }
        assertEquals("UCS.01080006", notFederated.errorCode())
        fleets.enableFederation(fleet, EnableFederationQuery())
        val twice = thrown<UcsException> { fleets.enableFederation(fleet, EnableFederationQuery()) }
        assertEquals("UCS.01080002", twice.errorCode())

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
        assertTrue(fleets.federationProgress(fleet).spec?.subJobs?.isNotEmpty() == true)
        fleets.updateZones(fleet, UpdateZones(dnsSuffix = listOf("example.com")))

        val projectId = Emulator.credential("project_id")
        val connection = fleets.createFederationConnection(fleet, FederationConnectionRequest(projectId = projectId, vpcId = "vpc-1", subnetId = "subnet-1"))
        assertTrue(connection.id.isNotEmpty())
        val cert = fleets.createFederationKubeconfig(fleet, FederationKubeconfigRequest(projectId = projectId, vpcId = "vpc-1", subnetId = "subnet-1", duration = 30))
        assertTrue(cert.servers().isNotEmpty())
        assertTrue(cert.toJson().contains("current-context"))
        assertFalse(cert.toString().contains("client-key-data") || cert.toString().contains("token"), "kubeconfig text form leaks credentials: $cert")
        val downloaded = fleets.downloadFederationKubeconfig(fleet, DownloadKubeconfigRequest(duration = 1))
        assertNotNull(downloaded.currentContext())

        val busy = thrown<UcsException> { fleets.delete(fleet) }
        assertEquals(400, busy.status())
        fleets.disableFederation(fleet)
        clusters.leaveFleet(a)
        clusters.leaveFleet(b)
        assertEquals("discrete", clusters.get(a).spec?.manageType)
        fleets.delete(fleet)
        val gone = thrown<UcsException.NotFound> { fleets.get(fleet) }
        assertEquals("UCS.01100005", gone.errorCode)
    }
}
