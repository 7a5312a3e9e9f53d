// The consumer of scripts/smoke-kotlin.sh: depends on io.github.ucs-sdk:ucs-sdk by coordinates and
// runs with no library property, so the native library must come out of the jar.
package smoke

import com.huaweicloud.ucs.ClientOptions
import com.huaweicloud.ucs.Secret
import com.huaweicloud.ucs.UcsClient
import com.huaweicloud.ucs.UcsException
import com.huaweicloud.ucs.models.ListClustersQuery
import com.huaweicloud.ucs.models.NameMeta
import com.huaweicloud.ucs.models.RegisterCluster
import com.huaweicloud.ucs.models.RegisterClusterMetadata
import com.huaweicloud.ucs.models.RegisterClusterSpec
import com.huaweicloud.ucs.models.RegisterFleet
import com.huaweicloud.ucs.models.RegisterFleetSpec
import com.sun.jna.NativeLibrary
import kotlinx.coroutines.runBlocking
import java.io.File
import kotlin.system.exitProcess

fun check(ok: Boolean, what: () -> String) {
    if (!ok) {
        System.err.println("kotlin smoke: ${what()}")
        exitProcess(1)
    }
}

// args: the private Maven repository the jar must come from, the folder the library must not.
fun main(args: Array<String>): Unit = runBlocking {
    val (repository, forbidden) = args.map { File(it).canonicalPath }
    for (property in listOf("jna.library.path", "uniffi.component.ucs_uniffi.libraryOverride", "uniffi.component.ucs_models.libraryOverride")) {
        check(System.getProperty(property) == null) { "$property is set" }
    }
    val jar = File(UcsClient::class.java.protectionDomain.codeSource.location.toURI()).canonicalPath
    check(jar.startsWith(repository)) { "ucs-sdk came from $jar, not from $repository" }

    val bin = System.getenv("UCS_BIN") ?: error("UCS_BIN is not set")
    val emulator = ProcessBuilder(bin, "emulator", "--listen", "127.0.0.1:0", "--federation-seconds", "0")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start()
    try {
        val out = emulator.inputStream.bufferedReader()
        val base = out.readLine()?.trim()?.trimEnd('/') ?: error("the emulator printed no base URL")
        val creds = Regex("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"").findAll(out.readLine() ?: error("no credentials"))
            .associate { it.groupValues[1] to it.groupValues[2] }
        val client = UcsClient(
            ClientOptions(endpoint = base, ak = creds["ak"], sk = Secret(creds["sk"] ?: ""), domainId = creds["domain_id"], projectId = creds["project_id"]),
        )
        val cluster = client.clusters().register(
            RegisterCluster(
                metadata = RegisterClusterMetadata(name = "smoke"),
                spec = RegisterClusterSpec(category = "attachedcluster", clusterType = "privatek8s", provider = "privatek8s", country = "CN", city = "110000", manageType = "discrete"),
            ),
        ).uid
        val fleet = client.fleets().register(
            RegisterFleet(metadata = NameMeta(name = "smoke-fleet"), spec = RegisterFleetSpec(clusterIds = listOf(cluster))),
        ).uid
        val page = client.clusters().list(ListClustersQuery())
        check(page.items.map { it.metadata?.uid } == listOf(cluster)) { "clusters listed: ${page.items}" }
        check(page.items.single().spec?.clusterGroupId == fleet) { "the cluster is not in fleet $fleet" }
        val missing = try {
            client.clusters().get("0b5c7b93-5a33-11ee-a3ff-0255ac100b0a")
            null
        } catch (e: UcsException.NotFound) {
            e
        }
        check(missing != null && missing.status() == 404 && missing.errorCode == "UCS.01030001") { "a missing cluster gave no NotFound with a code" }

        val library = NativeLibrary.getInstance("ucs_uniffi").file.canonicalPath
        check(!library.startsWith(forbidden)) { "the library was loaded from cargo's folder: $library" }
        println("kotlin smoke: ok (fleet $fleet, 1 cluster listed, NotFound ${missing?.errorCode}; jar $jar; library $library)")
    } finally {
        emulator.destroy()
        emulator.waitFor()
    }
}
