// clusters.get and clusters.list through the official Java SDK's core (HcClient: AK/SK signer,
// OkHttp, Jackson), with request definitions and response models written the way the generated
// huaweicloud-sdk-ucs module writes them (that module is not on the reachable Maven Central).
package bench

import com.fasterxml.jackson.annotation.JsonIgnoreProperties
import com.fasterxml.jackson.annotation.JsonProperty
import com.huaweicloud.sdk.core.ClientBuilder
import com.huaweicloud.sdk.core.HcClient
import com.huaweicloud.sdk.core.SdkResponse
import com.huaweicloud.sdk.core.auth.GlobalCredentials
import com.huaweicloud.sdk.core.http.FieldExistence
import com.huaweicloud.sdk.core.http.HttpConfig
import com.huaweicloud.sdk.core.http.HttpMethod
import com.huaweicloud.sdk.core.http.HttpRequestDef
import com.huaweicloud.sdk.core.http.LocationType

class ShowClusterRequest {
    var clusterid: String? = null
}

class ShowClusterListRequest {
    var limit: Int? = null
}

@JsonIgnoreProperties(ignoreUnknown = true)
class ObjectMeta {
    @field:JsonProperty("uid") var uid: String? = null
    @field:JsonProperty("name") var name: String? = null
    @field:JsonProperty("labels") var labels: Map<String, String>? = null
    @field:JsonProperty("annotations") var annotations: Map<String, String>? = null
    @field:JsonProperty("creationTimestamp") var creationTimestamp: String? = null
    @field:JsonProperty("updateTimestamp") var updateTimestamp: String? = null
}

@JsonIgnoreProperties(ignoreUnknown = true)
class ClusterSpec {
    @field:JsonProperty("syncMode") var syncMode: String? = null
    @field:JsonProperty("clusterGroupID") var clusterGroupID: String? = null
    @field:JsonProperty("manageType") var manageType: String? = null
    @field:JsonProperty("provider") var provider: String? = null
    @field:JsonProperty("type") var type: String? = null
    @field:JsonProperty("category") var category: String? = null
    @field:JsonProperty("country") var country: String? = null
    @field:JsonProperty("city") var city: String? = null
    @field:JsonProperty("IsDownloadedCert") var isDownloadedCert: Boolean? = null
    @field:JsonProperty("apiEndpoint") var apiEndpoint: String? = null
}

@JsonIgnoreProperties(ignoreUnknown = true)
class ConditionStatus {
    @field:JsonProperty("type") var type: String? = null
    @field:JsonProperty("status") var status: String? = null
    @field:JsonProperty("lastTransitionTime") var lastTransitionTime: String? = null
    @field:JsonProperty("reason") var reason: String? = null
    @field:JsonProperty("message") var message: String? = null
}

@JsonIgnoreProperties(ignoreUnknown = true)
class Endpoint {
    @field:JsonProperty("url") var url: String? = null
    @field:JsonProperty("type") var type: String? = null
}

@JsonIgnoreProperties(ignoreUnknown = true)
class ClusterStatus {
    @field:JsonProperty("kubernetesVersion") var kubernetesVersion: String? = null
    @field:JsonProperty("conditions") var conditions: List<ConditionStatus>? = null
    @field:JsonProperty("endpoints") var endpoints: List<Endpoint>? = null
    @field:JsonProperty("phase") var phase: String? = null
    @field:JsonProperty("reason") var reason: String? = null
    @field:JsonProperty("message") var message: String? = null
    @field:JsonProperty("arrearFreeze") var arrearFreeze: String? = null
    @field:JsonProperty("policeFreeze") var policeFreeze: String? = null
}

/** A cluster; one answer of its own (`ShowClusterResponse`) or an item of a list. */
@JsonIgnoreProperties(ignoreUnknown = true)
open class Cluster : SdkResponse() {
    @field:JsonProperty("kind") var kind: String? = null
    @field:JsonProperty("apiVersion") var apiVersion: String? = null
    @field:JsonProperty("metadata") var metadata: ObjectMeta? = null
    @field:JsonProperty("spec") var spec: ClusterSpec? = null
    @field:JsonProperty("status") var status: ClusterStatus? = null
}

class ShowClusterResponse : Cluster()

@JsonIgnoreProperties(ignoreUnknown = true)
class ShowClusterListResponse : SdkResponse() {
    @field:JsonProperty("kind") var kind: String? = null
    @field:JsonProperty("apiVersion") var apiVersion: String? = null
    @field:JsonProperty("items") var items: List<Cluster>? = null
    @field:JsonProperty("total") var total: Int? = null
}

object UcsMeta {
    val showCluster: HttpRequestDef<ShowClusterRequest, ShowClusterResponse> =
        HttpRequestDef.builder(HttpMethod.GET, ShowClusterRequest::class.java, ShowClusterResponse::class.java)
            .withName("ShowCluster")
            .withUri("/v1/clusters/{clusterid}")
            .withContentType("application/json")
            .withRequestField<String>(
                "clusterid", LocationType.Path, FieldExistence.NON_NULL_NON_EMPTY, String::class.java,
            ) { f -> f.withMarshaller({ it.clusterid }, { req, v -> req.clusterid = v }) }
            .build()

    val showClusterList: HttpRequestDef<ShowClusterListRequest, ShowClusterListResponse> =
        HttpRequestDef.builder(HttpMethod.GET, ShowClusterListRequest::class.java, ShowClusterListResponse::class.java)
            .withName("ShowClusterList")
            .withUri("/v1/clusters")
            .withContentType("application/json")
            .withRequestField<Int>(
                "limit", LocationType.Query, FieldExistence.NULL_IGNORE, Int::class.javaObjectType,
            ) { f -> f.withMarshaller({ it.limit }, { req, v -> req.limit = v }) }
            .build()
}

/** An HcClient signing with the emulator's AK/SK, no retries, as the generated UcsClient builds it. */
fun officialClient(base: String, ak: String, sk: String, domainId: String): HcClient =
    ClientBuilder<HcClient>({ it }, "GlobalCredentials")
        .withHttpConfig(HttpConfig.getDefaultHttpConfig())
        .withCredential(GlobalCredentials().withAk(ak).withSk(sk).withDomainId(domainId))
        .withEndpoints(listOf(base))
        .build()
