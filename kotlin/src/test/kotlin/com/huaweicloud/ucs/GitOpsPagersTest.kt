package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.ListConfigSetsQuery
import com.huaweicloud.ucs.models.ListReposQuery
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals

class GitOpsPagersTest {
    private val client = Emulator.client()

    @BeforeEach
    fun reset() = Emulator.reset()

    // The GitOps operations are shared cases (SharedCasesTest); here the two pagers as Flows.
    @Test
    fun reposAndConfigSetsArePagedAsFlows(): Unit = runBlocking {
        val cluster = client.clusters().register(attached("gitops")).uid
        client.callJson("gitops", "enable", listOf(cluster), null, null)
        val names = (1..5).map { "repo-$it" }
        for (name in names) {
            val repo = """{"name": "$name", "namespace": "default",
                "gitRepositorySpec": {"url": "https://example.com/$name.git"},
                "clusterInfo": {"clusterID": "$cluster"}}"""
            client.callJson("repos", "create", emptyList(), repo, null)
            val configSet = """{"name": "cs-$name", "namespace": "default", "repoName": "$name",
                "kustomizationSpec": {"path": "./"}, "clusterInfo": {"clusterID": "$cluster"}}"""
            client.callJson("configsets", "create", emptyList(), configSet, null)
        }
        // Pages of 2: three fetches each, every item once.
        val repos = client.repos().iter(ListReposQuery(clusterid = cluster, limit = 2)).toList()
        assertEquals(names.sorted(), repos.map { it.name }.sortedBy { it })
        val sets = client.configsets().iter(ListConfigSetsQuery(limit = 2)).toList()
        assertEquals(names.map { "cs-$it" }.sorted(), sets.map { it.name }.sortedBy { it })
    }
}
