import CZlib
import Foundation

/// Reads gzip-compressed files (`.csv.gz`) through the system zlib, so compressed downloads import directly.
enum Gzip {
    /// Whether the bytes start with the gzip magic number (1f 8b).
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// The decompressed bytes, or a one-line reason (damaged, cut off) when they cannot be had.
    /// Stops past `limit` bytes so a crafted file cannot exhaust memory.
    static func decompress(_ data: Data, limit: Int = 1 << 30) -> Result<Data, GzipError> {
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header; concatenated members are read one after another.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failure(GzipError(reason: "zlib could not start"))
        }
        defer { inflateEnd(&stream) }
        var out = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        return data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Result<Data, GzipError> in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else { return .failure(GzipError(reason: "the file is empty")) }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                out.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if out.count > limit { return .failure(GzipError(reason: "it decompresses to more than \(limit >> 20) MB")) }
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow (as `cat a.gz b.gz` makes); read it too.
                    guard stream.avail_in > 0 else { return .success(out) }
                    guard inflateReset(&stream) == Z_OK else { return .failure(GzipError(reason: "a second gzip member is damaged")) }
                case Z_OK:
                    if stream.avail_in == 0 && stream.avail_out > 0 {
                        return .failure(GzipError(reason: "the compressed data is cut off"))
                    }
                case Z_BUF_ERROR:
                    return .failure(GzipError(reason: "the compressed data is cut off"))
                default:
                    return .failure(GzipError(reason: "the compressed data is damaged (zlib error \(status))"))
                }
            }
        }
    }

    struct GzipError: Error, Equatable {
        var reason: String
    }
}
