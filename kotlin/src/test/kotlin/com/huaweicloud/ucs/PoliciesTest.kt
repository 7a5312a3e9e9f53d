package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.EnablePolicyQuery
import com.huaweicloud.ucs.models.ProgressEvent
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import java.util.Collections
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class PoliciesTest {
    private val client = Emulator.client()

    @BeforeEach
    fun reset() = Emulator.reset()

    // The policy operations are shared cases (SharedCasesTest); here the policy job waiter.
    @Test
    fun waitJobReportsEveryTaskAndAnswersTheJob(): Unit = runBlocking {
        val cluster = client.clusters().register(attached("guarded")).uid
        val jobId = present(client.policies().enableCluster(cluster, EnablePolicyQuery()).jobId, "jobId")
        val events = Collections.synchronizedList(mutableListOf<ProgressEvent>())
        val job = client.policies().waitJob(jobId, 30_000uL, object : ProgressListener {
            override fun onProgress(event: ProgressEvent) {
                events.add(event)
            }
        })
        assertEquals("Succeeded", job.status?.status)
        assertEquals(jobId, job.metadata?.uid)
        for (task in listOf("CheckCluster", "InstallGatekeeper", "SyncPolicyDefinitions")) {
            assertTrue(events.any { it.isSubJob && it.job == task && it.phase == "Succeeded" }, "no Succeeded event for $task: $events")
        }
        assertEquals("EnablePolicy", events.last().job)
    }

    @Test
    fun aFailedTaskIsJobFailed(): Unit = runBlocking {
        val cluster = client.clusters().register(attached("doomed")).uid
        Emulator.control("PUT", "faults", """{"policy_failure": "InstallGatekeeper"}""")
        val jobId = present(client.policies().enableCluster(cluster, EnablePolicyQuery()).jobId, "jobId")
        val failed = thrown<UcsException.JobFailed> {
            client.policies().waitJob(jobId, 30_000uL, object : ProgressListener {
                override fun onProgress(event: ProgressEvent) {}
            })
        }
        assertEquals("InstallGatekeeper", failed.task)
        assertEquals(jobId, failed.jobId)
        assertTrue(failed.reason.contains("InstallGatekeeper"), failed.reason)
    }
}
