package com.huaweicloud.ucs

/**
 * A secret (SK, security token, IAM token, password). It crosses to Rust as its text, but its
 * `toString()` never shows it, so data classes holding one (e.g. [ClientOptions]) print `***`.
 */
class Secret(val value: String) {
    override fun toString(): String = "***"
    override fun equals(other: Any?): Boolean = other is Secret && other.value == value
    override fun hashCode(): Int = value.hashCode()
}

/** Wraps a string as a [Secret]. */
fun String.asSecret(): Secret = Secret(this)
