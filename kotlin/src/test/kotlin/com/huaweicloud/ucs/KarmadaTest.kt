package com.huaweicloud.ucs

import com.huaweicloud.ucs.models.DownloadKubeconfigRequest
import com.huaweicloud.ucs.models.EnableFederationQuery
import com.huaweicloud.ucs.models.FederationConnectionRequest
import com.huaweicloud.ucs.models.NameMeta
import com.huaweicloud.ucs.models.RegisterFleet
import com.huaweicloud.ucs.models.RegisterFleetSpec
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.intOrNull
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.yaml.snakeyaml.Yaml
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/**
 * The Karmada gateway of a federated fleet against the emulator: Deployments and
 * PropagationPolicies created, listed by label, merge-patched, deleted, the Kubernetes `Status`
 * errors as typed exceptions, and the kubeconfig written for standard tools.
 */
class KarmadaTest {
    private val client = Emulator.client()

    @BeforeEach
    fun reset() = Emulator.reset()

    /** Fleet `fleet1` (cluster `member-a`) federated; the kubeconfig the emulator issued. */
    private suspend fun federated(): Kubeconfig {
        val member = client.clusters().register(attached("member-a")).uid
        val fleets = client.fleets()
        val fleet = fleets.register(
            RegisterFleet(metadata = NameMeta(name = "fleet1"), spec = RegisterFleetSpec(clusterIds = listOf(member))),
        ).uid
        fleets.enableFederation(fleet, EnableFederationQuery())
        // The kubeconfig is downloaded once a federation connection exists (reference 3.2.16).
        fleets.createFederationConnection(fleet, FederationConnectionRequest(projectId = "p", vpcId = "vpc-1", subnetId = "subnet-1"))
        return fleets.downloadFederationKubeconfig(fleet, DownloadKubeconfigRequest(duration = 1))
    }

    private fun parse(text: String): JsonElement = Json.parseToJsonElement(text)

    /** The value at `path` (object keys, or array indexes as numbers), failing the test if absent. */
    private fun JsonElement.at(vararg path: Any): JsonElement = path.fold(this) { node, key ->
        val next = when (key) {
            is Int -> (node as? JsonArray)?.getOrNull(key)
            else -> (node as? JsonObject)?.get(key.toString())
        }
        present(next, "${path.joinToString(".")} in $this")
    }

    private fun JsonElement.text(vararg path: Any): String = (at(*path) as JsonPrimitive).content

    private fun JsonElement.int(vararg path: Any): Int? = (at(*path) as JsonPrimitive).intOrNull

    private fun names(list: String): List<String> =
        (parse(list).at("items") as JsonArray).map { it.text("metadata", "name") }.sorted()

    private fun deployment(name: String, app: String) = """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "$name", "labels": {"app": "$app"}},
         "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "$app"}},
                  "template": {"metadata": {"labels": {"app": "$app"}},
                               "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}}}
    """.trimIndent()

    private fun policy(placement: String) = """
        {"apiVersion": "policy.karmada.io/v1alpha1", "kind": "PropagationPolicy",
         "metadata": {"name": "web-pp", "labels": {"app": "web"}},
         "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}],
                  "placement": $placement}}
    """.trimIndent()

    private fun token(kubeconfig: Kubeconfig): String = parse(kubeconfig.toJson()).text("users", 0, "user", "token")

    @Test
    fun deploymentsAndPoliciesThroughTheKubeconfigGateway(): Unit = runBlocking {
        val kubeconfig = federated()
        val k = client.karmadaFromKubeconfig(kubeconfig)
        // The kubeconfig names the TLS listener; its CA is trusted from the kubeconfig itself.
        assertEquals(kubeconfig.servers().first(), k.baseUrl())
        assertTrue(k.baseUrl().startsWith("https://"), k.baseUrl())
        assertFalse(k.toString().contains(token(kubeconfig)), "the text form shows the token: $k")

        val deployments = k.deployments("default")
        assertEquals("apis/apps/v1/namespaces/default/deployments", deployments.uri())
        assertEquals("default", parse(deployments.create(deployment("web", "web"))).text("metadata", "namespace"))
        deployments.create(deployment("api", "api"))

        assertEquals(listOf("web"), names(deployments.list(ListParams(labelSelector = "app in (web)"))))
        assertEquals(listOf("api"), names(deployments.list(ListParams(fieldSelector = "metadata.name=api"))))
        assertEquals(listOf("api", "web"), names(deployments.list(ListParams())))

        val patched = parse(deployments.patch("web", """{"spec": {"replicas": 5}}"""))
        assertEquals(5, patched.int("spec", "replicas"))
        assertEquals("nginx:1.25", patched.text("spec", "template", "spec", "containers", 0, "image"), "a merge patch keeps what it does not name")
        assertEquals(5, parse(deployments.get("web")).int("spec", "replicas"))

        val policies = k.propagationPolicies("default")
        val first = parse(policies.apply(policy("""{"clusterAffinity": {"clusterNames": ["member-a"]}}""")))
        assertEquals(1, first.int("metadata", "generation"))
        val second = parse(policies.apply(policy("{}")))
        assertEquals(2, second.int("metadata", "generation"), "apply of an existing policy replaces it")
        assertEquals(listOf("web-pp"), names(policies.list(ListParams(labelSelector = "app=web"))))
        assertEquals(listOf<String>(), names(policies.list(ListParams(labelSelector = "app=other"))))

        val exists = thrown<UcsException.Conflict> { deployments.create(deployment("web", "web")) }
        assertEquals("AlreadyExists", exists.errorCode)
        assertEquals(409, exists.status)

        assertEquals("Success", parse(deployments.delete("web")).text("status"))
        policies.delete("web-pp")

        val gone = thrown<UcsException.NotFound> { deployments.get("web") }
        assertEquals("NotFound", gone.errorCode)
        assertEquals(404, gone.status)
        assertEquals("deployments.apps \"web\" not found", gone.errorMessage)
        assertEquals("NotFound", thrown<UcsException.NotFound> { deployments.delete("web") }.errorCode())
        assertEquals("NotFound", thrown<UcsException.NotFound> { policies.get("web-pp") }.errorCode)
    }

    @Test
    fun genericRestWithABearerTokenOrTheIamToken(): Unit = runBlocking {
        val kubeconfig = federated()
        val k = client.karmada("fleet1", Secret(token(kubeconfig)))
        assertEquals("${Emulator.baseUrl}/karmada/fleet1", k.baseUrl())
        assertFalse(k.toString().contains(token(kubeconfig)), "the text form shows the token: $k")
        val uri = "apis/apps/v1/namespaces/default/deployments"
        k.create(uri, deployment("web", "web"))
        k.resource("apps/v1", "deployments", "default").create(deployment("api", "api"))
        assertEquals("web", parse(k.get("$uri/web")).text("metadata", "name"))
        assertEquals(listOf("web"), names(k.list(uri, ListParams(labelSelector = "app=web"))))
        assertEquals(listOf("api"), names(k.list(uri, ListParams(fieldSelector = "metadata.name=api"))))
        assertEquals(listOf("api", "web"), names(k.request("GET", "$uri?labelSelector=app+in+(api,web)", null)))
        assertEquals(3, parse(k.patch("$uri/web", """{"spec": {"replicas": 3}}""")).int("spec", "replicas"))
        assertEquals(4, parse(k.request("PATCH", "$uri/web", """{"spec": {"replicas": 4}}""")).int("spec", "replicas"))
        k.delete("$uri/api")
        assertEquals("NotFound", thrown<UcsException.NotFound> { k.get("$uri/api") }.errorCode)

        // The client's IAM token (password credentials) as the bearer.
        val byPassword = UcsClient(
            Emulator.options().copy(
                ak = null, sk = null,
                user = Emulator.credential("user"), password = Secret(Emulator.credential("password")),
                domainName = Emulator.credential("domain_name"),
            ),
        )
        assertEquals("web", parse(byPassword.karmadaWithIam("fleet1").get("$uri/web")).text("metadata", "name"))

        val refused = thrown<UcsException.Auth> { client.karmada("fleet1", Secret("not-a-token")).get(uri) }
        assertEquals(401, refused.status)
    }

    @Test
    fun badInputIsRefusedNamingTheField(): Unit = runBlocking {
        val k = client.karmada("fleet1", Secret("T"))
        assertEquals("namespace", thrown<UcsException.InvalidArgument> { k.deployments("a/b") }.field)
        assertEquals("fleet_name", thrown<UcsException.InvalidArgument> { client.karmada("no/such", Secret("T")) }.field)
        val deployments = k.deployments("default")
        assertEquals("body", thrown<UcsException.InvalidArgument> { deployments.create("{not json") }.field)
        assertEquals("name", thrown<UcsException.InvalidArgument> { deployments.get("..") }.field)
        assertEquals("metadata.name", thrown<UcsException.InvalidArgument> { deployments.apply("""{"metadata": {}}""") }.field)
        assertEquals("method", thrown<UcsException.InvalidArgument> { k.request("NOT A METHOD", "api", null) }.field)
        assertEquals("limit", thrown<UcsException.InvalidArgument> { deployments.list(ListParams(limit = 0u)) }.field)
        assertEquals("kubeconfig", thrown<UcsException.InvalidArgument> { Kubeconfig.fromText("- a list") }.field)
    }

    @Test
    fun writeToGivesAPrivateYamlFileForStandardTools(@TempDir dir: Path): Unit = runBlocking {
        val kubeconfig = federated()
        val path = dir.resolve("kube/config")
        kubeconfig.writeTo(path.toString())
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        val text = Files.readString(path)
        assertEquals(kubeconfig.toYaml(), text)

        // Any YAML parser reads it: the fleet's context is current and opens its gateway.
        @Suppress("UNCHECKED_CAST")
        val doc = Yaml().load<Any>(text) as Map<String, Any?>
        val current = present(kubeconfig.currentContext(), "current context")
        assertEquals(current, doc["current-context"])
        assertEquals("Config", doc["kind"])
        @Suppress("UNCHECKED_CAST")
        val contexts = doc["contexts"] as List<Map<String, Any?>>
        assertTrue(contexts.any { it["name"] == current }, "no context $current in $contexts")
        @Suppress("UNCHECKED_CAST")
        val clusters = doc["clusters"] as List<Map<String, Map<String, Any?>>>
        assertEquals(kubeconfig.servers(), clusters.map { it["cluster"]?.get("server") })

        // Read back, the file opens the gateway like the downloaded kubeconfig.
        val k = client.karmadaFromKubeconfig(Kubeconfig.fromText(text))
        k.deployments("default").create(deployment("web", "web"))
        assertEquals(listOf("web"), names(k.deployments("default").list(ListParams(labelSelector = "app=web"))))
    }
}
