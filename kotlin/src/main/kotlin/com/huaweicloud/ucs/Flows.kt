package com.huaweicloud.ucs

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import com.huaweicloud.ucs.models.Cluster
import com.huaweicloud.ucs.models.ClusterGroup
import com.huaweicloud.ucs.models.ConfigSet
import com.huaweicloud.ucs.models.GitOpsRepo
import com.huaweicloud.ucs.models.ListConfigSetsQuery
import com.huaweicloud.ucs.models.ListReposQuery
import com.huaweicloud.ucs.models.ListClustersQuery
import com.huaweicloud.ucs.models.PageQuery
import com.huaweicloud.ucs.models.Rule

// uniffi cannot express a stream: the pagers hand out a page per `next()` (null at the end),
// fetched by the Rust core on demand. These turn them into cold Flows of single items.

/** Every cluster of the pager, page after page; the next page is fetched when needed. */
fun ClusterPager.asFlow(): Flow<Cluster> = flow {
    while (true) {
        val page = next() ?: break
        for (item in page) emit(item)
    }
}

/** Every fleet of the pager, page after page. */
fun FleetPager.asFlow(): Flow<ClusterGroup> = flow {
    while (true) {
        val page = next() ?: break
        for (item in page) emit(item)
    }
}

/** Every rule of the pager, page after page. */
fun RulePager.asFlow(): Flow<Rule> = flow {
    while (true) {
        val page = next() ?: break
        for (item in page) emit(item)
    }
}

/** Every cluster matching [query] (`limit` is the page size, default 50), as a Flow. */
fun Clusters.iter(query: ListClustersQuery = ListClustersQuery()): Flow<Cluster> = flow {
    emitAll(pager(query).asFlow())
}

/** Every fleet (`limit` is the page size, default 50), as a Flow. */
fun Fleets.iter(query: PageQuery = PageQuery()): Flow<ClusterGroup> = flow {
    emitAll(pager(query).asFlow())
}

/** Every rule (`limit` is the page size, default 50), as a Flow. */
fun Rules.iter(query: PageQuery = PageQuery()): Flow<Rule> = flow {
    emitAll(pager(query).asFlow())
}

/** Every config set of the pager, page after page. */
fun ConfigSetPager.asFlow(): Flow<ConfigSet> = flow {
    while (true) {
        val page = next() ?: break
        for (item in page) emit(item)
    }
}

/** Every GitOps repository of the pager, page after page. */
fun RepoPager.asFlow(): Flow<GitOpsRepo> = flow {
    while (true) {
        val page = next() ?: break
        for (item in page) emit(item)
    }
}

/** Every config set matching [query] (`limit` is the page size, default 50), as a Flow. */
fun ConfigSets.iter(query: ListConfigSetsQuery = ListConfigSetsQuery()): Flow<ConfigSet> = flow {
    emitAll(pager(query).asFlow())
}

/** Every GitOps repository matching [query] (`limit` is the page size, default 50), as a Flow. */
fun Repos.iter(query: ListReposQuery = ListReposQuery()): Flow<GitOpsRepo> = flow {
    emitAll(pager(query).asFlow())
}
