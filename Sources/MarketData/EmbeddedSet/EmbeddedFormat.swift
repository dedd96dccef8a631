import Foundation
import StrategyCore

/// Reader for `embedded.bin`; the writer is `scripts/embedded/build.py` and data/README.md is the spec.
///
/// Layout: "STRATEMB", u32 LE version, u32 LE header length, JSON header, then one block per series:
/// varint count, zigzag varint first day serial, varint day gaps, then the columns open, high, low,
/// close, [adj close], volume. A column is a u8 decimal scale, `count` zigzag varint deltas of
/// `round(x * 10^scale)`, and exceptions (varint count; each a varint row and 8 LE bytes of the exact double)
/// for values that fixed point cannot reproduce bit for bit.
enum EmbeddedFormat {
    static let magic = Array("STRATEMB".utf8)
    static let version: UInt32 = 1

    static func decode(_ data: Data) throws -> EmbeddedDataSet {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> EmbeddedDataSet in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= 16, Array(bytes[0..<8]) == magic else {
                throw MarketDataError.embeddedCorrupt("not an embedded data file")
            }
            let version = readU32(bytes, at: 8)
            guard version == Self.version else {
                throw MarketDataError.embeddedCorrupt("format version \(version), this program reads \(Self.version)")
            }
            let headerLength = Int(readU32(bytes, at: 12))
            guard 16 + headerLength <= bytes.count else { throw MarketDataError.embeddedCorrupt("header runs past the end") }
            let header: EmbeddedDataSet.Header
            do {
                header = try JSONDecoder().decode(EmbeddedDataSet.Header.self, from: Data(bytes[16..<(16 + headerLength)]))
            } catch {
                throw MarketDataError.embeddedCorrupt("header: \(error.localizedDescription)")
            }
            let body = 16 + headerLength
            var series: [String: PriceSeries] = [:]
            series.reserveCapacity(header.series.count)
            for info in header.series {
                let start = body + info.offset
                guard info.offset >= 0, info.length >= 0, start + info.length <= bytes.count else {
                    throw MarketDataError.embeddedCorrupt("\(info.ticker): block runs past the end")
                }
                var reader = Reader(bytes: bytes, position: start, end: start + info.length)
                series[info.ticker] = try decodeSeries(info, &reader)
            }
            return EmbeddedDataSet(sources: header.sources, universes: header.universes, notes: header.notes,
                                   seriesInfo: header.series.sorted { $0.ticker < $1.ticker }, series: series)
        }
    }

    private static func decodeSeries(_ info: EmbeddedDataSet.SeriesInfo, _ r: inout Reader) throws -> PriceSeries {
        let count = Int(try r.varint())
        guard count == info.count else { throw MarketDataError.embeddedCorrupt("\(info.ticker): \(count) bars, header says \(info.count)") }
        var days = [Day]()
        days.reserveCapacity(count)
        if count > 0 {
            var serial = try r.zigzag()
            days.append(Day(serial: Int32(truncatingIfNeeded: serial)))
            for _ in 1..<count {
                serial += Int64(try r.varint())
                days.append(Day(serial: Int32(truncatingIfNeeded: serial)))
            }
        }
        for piece in info.pieces ?? [] where piece.from < 0 || piece.count < 0 || piece.from + piece.count > count {
            throw MarketDataError.embeddedCorrupt("\(info.ticker): piece \(piece.source) runs past the end")
        }
        if info.closeOnly == true {
            // One column: the (already adjusted) closes.
            let close = scaled(try column(count, &r), info)
            guard r.position == r.end else { throw MarketDataError.embeddedCorrupt("\(info.ticker): block has trailing bytes") }
            return PriceSeries.closes(ticker: info.ticker, days: days, close: close)
        }
        var open = try column(count, &r), high = try column(count, &r), low = try column(count, &r)
        var close = try column(count, &r)
        if info.hasAdjClose {
            // Scale open, high and low by adj/close so the whole bar is adjusted; close becomes adj close.
            let adj = try column(count, &r)
            for i in 0..<count where close[i] != 0 {
                let factor = adj[i] / close[i]
                open[i] *= factor
                high[i] *= factor
                low[i] *= factor
                close[i] = adj[i]
            }
        }
        var volume = try column(count, &r)
        if info.volumeMultiplier != 1 {
            for i in 0..<count { volume[i] *= info.volumeMultiplier }
        }
        guard r.position == r.end else { throw MarketDataError.embeddedCorrupt("\(info.ticker): block has trailing bytes") }
        (open, high, low, close) = (scaled(open, info), scaled(high, info), scaled(low, info), scaled(close, info))
        var closeOnly: [Bool] = []
        for piece in info.pieces ?? [] where piece.closeOnly {
            if closeOnly.isEmpty { closeOnly = [Bool](repeating: false, count: count) }
            for i in piece.from..<(piece.from + piece.count) { closeOnly[i] = true }
            for i in piece.from..<(piece.from + piece.count) { volume[i] = 0 }
        }
        return PriceSeries(ticker: info.ticker, days: days, open: open, high: high, low: low, close: close, volume: volume,
                           closeOnly: closeOnly)
    }

    /// Multiplies each stitched piece's bars by the factor that makes it meet the next file.
    private static func scaled(_ values: [Double], _ info: EmbeddedDataSet.SeriesInfo) -> [Double] {
        guard let pieces = info.pieces else { return values }
        var out = values
        for piece in pieces where piece.factor != 1 {
            for i in piece.from..<(piece.from + piece.count) { out[i] *= piece.factor }
        }
        return out
    }

    private static let powers: [Double] = (0...22).map { pow(10, Double($0)) }

    private static func column(_ count: Int, _ r: inout Reader) throws -> [Double] {
        let scale = Int(try r.byte())
        guard scale < powers.count else { throw MarketDataError.embeddedCorrupt("column scale \(scale)") }
        let divisor = powers[scale]
        var values = [Double](repeating: 0, count: count)
        var n: Int64 = 0
        for i in 0..<count {
            n &+= try r.zigzag()
            values[i] = Double(n) / divisor
        }
        let exceptions = Int(try r.varint())
        for _ in 0..<exceptions {
            let row = Int(try r.varint())
            guard row < count else { throw MarketDataError.embeddedCorrupt("exception row \(row) of \(count)") }
            values[row] = Double(bitPattern: try r.u64())
        }
        return values
    }

    private static func readU32(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    /// A bounds-checked cursor over one series block.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int
        let end: Int

        mutating func byte() throws -> UInt8 {
            guard position < end else { throw MarketDataError.embeddedCorrupt("block ends early") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                result |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
                guard shift < 64 else { throw MarketDataError.embeddedCorrupt("varint too long") }
            }
        }

        mutating func zigzag() throws -> Int64 {
            let u = try varint()
            return Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)
        }

        mutating func u64() throws -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(try byte()) << (8 * UInt64(k)) }
            return v
        }
    }
}
