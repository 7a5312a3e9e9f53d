#!/usr/bin/env python3
"""Makes uniffi 0.32's generated Swift readers load from the buffer's bytes directly.

Every lift (a record, a list, an option tag, a string's length) goes through the generated
`readInt`, which copies each integer out with `Data.copyBytes(to:from:)`: on Linux that is
swift-foundation's unspecialised `DataProtocol` path (a `CollectionOfOne` iteration, metadata
look-ups, retains), and it took 58% of a 500-cluster list's samples in the profile of issue 16.
Strings were copied twice (into an `Array`, then into the `String`).

This rewrites `readInt` to one bounds check and one unaligned load inside
`Data.withUnsafeBytes`, `readBytes` to one copy, and `FfiConverterString.read` to decode the
UTF-8 straight from the buffer. The reader's type, the wire format and the public API are
unchanged. Run on each generated file (ucs_models.swift, ucs_uniffi.swift); silent on success,
fails loudly when the generated code no longer has the expected shape.
"""
import sys

READ_INT = """fileprivate func readInt<T: FixedWidthInteger>(_ reader: inout (data: Data, offset: Data.Index)) throws -> T {
    let range = reader.offset..<reader.offset + MemoryLayout<T>.size
    guard reader.data.count >= range.upperBound else {
        throw UniffiInternalError.bufferOverflow
    }
    if T.self == UInt8.self {
        let value = reader.data[reader.offset]
        reader.offset += 1
        return value as! T
    }
    var value: T = 0
    let _ = withUnsafeMutableBytes(of: &value, { reader.data.copyBytes(to: $0, from: range)})
    reader.offset = range.upperBound
    return value.bigEndian
}
"""

READ_BYTES = """fileprivate func readBytes(_ reader: inout (data: Data, offset: Data.Index), count: Int) throws -> Array<UInt8> {
    let range = reader.offset..<(reader.offset+count)
    guard reader.data.count >= range.upperBound else {
        throw UniffiInternalError.bufferOverflow
    }
    var value = [UInt8](repeating: 0, count: count)
    value.withUnsafeMutableBufferPointer({ buffer in
        reader.data.copyBytes(to: buffer, from: range)
    })
    reader.offset = range.upperBound
    return value
}
"""

# Offsets count from the Data's startIndex (0 for the `Data(rustBuffer:)` every lift makes) and are
# checked before any pointer is formed, so a short buffer throws bufferOverflow as before.
FAST_INT = """fileprivate func readInt<T: FixedWidthInteger>(_ reader: inout (data: Data, offset: Data.Index)) throws -> T {
    // Patched by swift/patch-readers.py: one unaligned load, no Data.copyBytes.
    let size = MemoryLayout<T>.size
    let start = try readStart(reader, count: size)
    let value = reader.data.withUnsafeBytes { raw in raw.loadUnaligned(fromByteOffset: start, as: T.self) }
    reader.offset += size
    return T(bigEndian: value)
}

// The position (from startIndex) of `count` more bytes at the reader's offset; throws past the end.
fileprivate func readStart(_ reader: (data: Data, offset: Data.Index), count: Int) throws -> Int {
    let start = reader.offset - reader.data.startIndex
    guard count >= 0, start >= 0, reader.data.count - start >= count else {
        throw UniffiInternalError.bufferOverflow
    }
    return start
}
"""

FAST_BYTES = """fileprivate func readBytes(_ reader: inout (data: Data, offset: Data.Index), count: Int) throws -> Array<UInt8> {
    // Patched by swift/patch-readers.py: one copy out of the bytes, no Data.copyBytes.
    let start = try readStart(reader, count: count)
    let value = reader.data.withUnsafeBytes { raw in
        Array(UnsafeRawBufferPointer(rebasing: raw[start..<(start + count)]))
    }
    reader.offset += count
    return value
}

// A string of `count` UTF-8 bytes, decoded from the buffer in place (one copy, into the String).
fileprivate func readString(_ reader: inout (data: Data, offset: Data.Index), count: Int) throws -> String {
    let start = try readStart(reader, count: count)
    if count == 0 {
        return String()
    }
    let value = reader.data.withUnsafeBytes { raw -> String in
        // Non-empty, so the base address exists; Rust strings are UTF-8, as in `lift`.
        let bytes = UnsafeBufferPointer(
            start: raw.baseAddress.map { $0.advanced(by: start).assumingMemoryBound(to: UInt8.self) },
            count: count)
        return String(decoding: bytes, as: UTF8.self)
    }
    reader.offset += count
    return value
}
"""

STRING_READ = """        return String(decoding: try readBytes(&buf, count: Int(len)), as: UTF8.self)
"""
STRING_FAST = """        return try readString(&buf, count: Int(len))
"""

for path in sys.argv[1:]:
    src = open(path, encoding="utf-8").read()
    for name, needle in (("readInt", READ_INT), ("readBytes", READ_BYTES), ("FfiConverterString.read", STRING_READ)):
        if src.count(needle) != 1:
            sys.exit(f"{path}: generated {name} changed shape; update swift/patch-readers.py")
    src = src.replace(READ_INT, FAST_INT).replace(READ_BYTES, FAST_BYTES).replace(STRING_READ, STRING_FAST)
    open(path, "w", encoding="utf-8").write(src)
