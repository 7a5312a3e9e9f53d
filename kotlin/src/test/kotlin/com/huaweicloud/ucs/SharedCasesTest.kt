package com.huaweicloud.ucs

import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * The language-neutral cases of tests/cases/operations (format: its README.md), one test per
 * scenario file, each step through `UcsClient.callJson`, the binding's JSON entry.
 */
class SharedCasesTest {
    private val client = Emulator.client()
    private val password by lazy {
        val base = Emulator.baseUrl
        UcsClient(
            ClientOptions(
                endpoint = base, iamEndpoint = base, hssEndpoint = base, region = "cn-north-4",
                user = Emulator.credential("user"), password = Secret(Emulator.credential("password")),
                domainName = Emulator.credential("domain_name"),
            ),
        )
    }
    private val ref = Regex("""\$\{(\w+)\}""")

    @TestFactory
    fun sharedCases(): List<DynamicTest> =
        (File(System.getenv("UCS_CASES_DIR") ?: "../tests/cases/operations").listFiles { f -> f.name.endsWith(".json") } ?: emptyArray())
            .sortedBy { it.name }
            .also { assertTrue(it.size >= 6, "scenario files missing") }
            .map { file -> DynamicTest.dynamicTest(file.name) { runBlocking { run(file) } } }

    private suspend fun run(file: File) {
        Emulator.reset()
        val saved = mutableMapOf<String, JsonElement>(
            "domain_id" to JsonPrimitive(Emulator.credential("domain_id")),
            "project_id" to JsonPrimitive(Emulator.credential("project_id")),
        )
        var unique = 0
        fun lookup(name: String): JsonElement =
            if (name == "unique") JsonPrimitive("u${++unique}") else saved[name] ?: fail("\${$name} was never saved")

        // `${name}` replaced by saved values; a whole-string reference keeps the value's type.
        fun substitute(value: JsonElement): JsonElement = when (value) {
            is JsonObject -> JsonObject(value.mapValues { substitute(it.value) })
            is JsonArray -> JsonArray(value.map { substitute(it) })
            is JsonPrimitive -> if (!value.isString) value else ref.matchEntire(value.content)?.let { lookup(it.groupValues[1]) }
                ?: JsonPrimitive(ref.replace(value.content) { m -> lookup(m.groupValues[1]).let { if (it is JsonPrimitive) it.content else it.toString() } })
            else -> value
        }

        Json.parseToJsonElement(file.readText()).jsonArray.forEachIndexed { i, raw ->
            val step = substitute(raw).jsonObject
            val here = "${file.name} step $i (${raw.jsonObject["call"]?.jsonPrimitive?.content ?: "emulator"})"
            step["emulator"]?.let { path ->
                Emulator.control(step["method"]?.jsonPrimitive?.content ?: "POST", path.jsonPrimitive.content, (step["body"] ?: JsonObject(emptyMap())).toString())
                return@forEachIndexed
            }
            val (group, name) = step.getValue("call").jsonPrimitive.content.split(".")
            val who = if (step["auth"]?.jsonPrimitive?.content == "password") password else client
            val ids = step["ids"]?.jsonArray?.map { it.jsonPrimitive.content } ?: emptyList()
            val wantError = step["expect_error"]?.jsonObject
            val got = try {
                who.callJson(group, name, ids, step["body"]?.toString(), step["query"]?.toString())
            } catch (e: UcsException) {
                if (wantError == null) fail("$here: failed: $e")
                wantError["message_contains"]?.jsonPrimitive?.content?.let {
                    assertTrue(e.message.orEmpty().contains(it), "$here: ${e.message} lacks $it")
                }
                val info = JsonObject(mapOf(
                    "kind" to JsonPrimitive(e::class.simpleName),
                    "code" to JsonPrimitive(e.errorCode()),
                    "status" to JsonPrimitive(e.status()),
                    "field" to JsonPrimitive((e as? UcsException.InvalidArgument)?.field),
                ))
                matches(JsonObject(wantError - "message_contains"), info, "$here: error")
                return@forEachIndexed
            }
            val answer = Json.parseToJsonElement(got)
            if (wantError != null) fail("$here: expected the error $wantError, got $answer")
            step["expect"]?.let { matches(it, answer, "$here: answer") }
            step["save"]?.jsonObject?.forEach { (key, where) ->
                val value = atPath(answer, where.jsonPrimitive.content)
                if (value is JsonNull) fail("$here: nothing at $where in $answer")
                saved[key] = value
            }
        }
    }

    /** Subset matching: listed keys, `$` operators and every array item must match. */
    private fun matches(want: JsonElement, got: JsonElement, at: String) {
        val bad = { fail("at $at: expected $want, got $got") }
        when {
            want is JsonObject && want.keys.any { it.startsWith("$") } -> for ((op, arg) in want) {
                val ok = when (op) {
                    "\$len" -> size(got)?.toDouble() == arg.jsonPrimitive.doubleOrNull
                    "\$nonempty" -> size(got)?.let { (it > 0) == arg.jsonPrimitive.booleanOrNull } ?: false
                    "\$type" -> typeName(got) == arg.jsonPrimitive.content
                    "\$contains" -> got is JsonArray && got.any { runCatching { matches(arg, it, at) }.isSuccess }
                    else -> fail("unknown operator $op")
                }
                if (!ok) bad()
            }
            want is JsonObject -> if (got !is JsonObject) bad() else want.forEach { (k, v) -> matches(v, got[k] ?: JsonNull, "$at.$k") }
            want is JsonArray -> if (got !is JsonArray || got.size != want.size) bad() else want.zip(got).forEachIndexed { i, (w, g) -> matches(w, g, "$at[$i]") }
            want is JsonPrimitive && got is JsonPrimitive && !want.isString && !got.isString && want.doubleOrNull != null ->
                if (want.doubleOrNull != got.doubleOrNull) bad()
            want != got -> bad()
        }
    }

    private fun size(v: JsonElement): Int? = when {
        v is JsonArray -> v.size
        v is JsonObject -> v.size
        v is JsonPrimitive && v.isString -> v.content.length
        else -> null
    }

    private fun typeName(v: JsonElement): String = when {
        v is JsonNull -> "null"
        v is JsonObject -> "object"
        v is JsonArray -> "array"
        v is JsonPrimitive && v.isString -> "string"
        v is JsonPrimitive && v.booleanOrNull != null -> "boolean"
        else -> "number"
    }

    /** The value at a dotted path (`items.0.metadata.uid`; `$` is the whole answer). */
    private fun atPath(value: JsonElement, path: String): JsonElement =
        if (path == "$") value else path.split(".").fold(value) { v, k ->
            when (v) {
                is JsonArray -> k.toIntOrNull()?.let { v.getOrNull(it) } ?: JsonNull
                is JsonObject -> v[k] ?: JsonNull
                else -> JsonNull
            }
        }
}
