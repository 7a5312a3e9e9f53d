package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.CreateRule
import com.huaweicloud.ucs.models.NameMeta
import com.huaweicloud.ucs.models.RegisterCluster
import com.huaweicloud.ucs.models.RegisterClusterMetadata
import com.huaweicloud.ucs.models.RegisterClusterSpec
import com.huaweicloud.ucs.models.RuleSpec
import kotlin.test.assertNotNull
import kotlin.test.fail

/** An attached private Kubernetes cluster in Beijing: a valid registration. */
fun attached(name: String) = RegisterCluster(
    metadata = RegisterClusterMetadata(name = name),
    spec = RegisterClusterSpec(
        category = "attachedcluster",
        clusterType = "privatek8s",
        provider = "privatek8s",
        country = "CN",
        city = "110000",
        manageType = "discrete",
    ),
)

fun rule(name: String, type: String = "readonly") =
    CreateRule(metadata = NameMeta(name = name), spec = RuleSpec(ruleType = type))

/** Runs [block], which must throw a [T]; answers it. */
suspend inline fun <reified T : Throwable> thrown(block: suspend () -> Unit): T {
    try {
        block()
    } catch (e: Throwable) {
        if (e is T) return e
        fail("expected ${T::class.simpleName}, got $e")
    }
    fail("expected ${T::class.simpleName}, nothing was thrown")
}

fun <T> present(value: T?, what: String): T = assertNotNull(value, what)
