import Foundation
import Testing
@testable import MarketData
import StrategyCore

/// Builds a tiny file by hand from data/README.md's format description, to check the reader on its own.
@Suite("Embedded format reader")
struct EmbeddedFormatTests {
    static func varint(_ n: UInt64) -> [UInt8] {
        var n = n, out: [UInt8] = []
        repeat {
            var b = UInt8(n & 0x7F)
            n >>= 7
            if n > 0 { b |= 0x80 }
            out.append(b)
        } while n > 0
        return out
    }

    static func zigzag(_ n: Int64) -> [UInt8] { varint(UInt64(bitPattern: (n << 1) ^ (n >> 63))) }

    /// A column: scale, zigzag deltas of the fixed-point integers, then exceptions.
    static func column(scale: UInt8, _ ints: [Int64], exceptions: [(Int, Double)] = []) -> [UInt8] {
        var out: [UInt8] = [scale]
        var previous: Int64 = 0
        for n in ints { out += zigzag(n - previous); previous = n }
        out += varint(UInt64(exceptions.count))
        for (row, value) in exceptions {
            out += varint(UInt64(row))
            out += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
        }
        return out
    }

    static func file(hasAdjClose: Bool, volumeMultiplier: Double, body: [UInt8]) -> Data {
        let header = """
            {"version":1,"sources":[],"universes":{"t":["T"]},"notes":["n"],"series":[{"ticker":"T","source":"x",\
            "count":2,"first":"2024-01-02","last":"2024-01-03","hasAdjClose":\(hasAdjClose),\
            "volumeMultiplier":\(volumeMultiplier),"offset":0,"length":\(body.count)}]}
            """
        var bytes = Array("STRATEMB".utf8)
        bytes += withUnsafeBytes(of: UInt32(1).littleEndian, Array.init)
        bytes += withUnsafeBytes(of: UInt32(header.utf8.count).littleEndian, Array.init)
        return Data(bytes + Array(header.utf8) + body)
    }

    static let days = varint(2) + zigzag(Int64(Day(year: 2024, month: 1, day: 2)!.serial)) + varint(1)

    @Test("decodes days, fixed-point columns, exceptions, adjusted close and the volume multiplier")
    func decodes() throws {
        let body = Self.days
            + Self.column(scale: 2, [9_000, 10_000])                       // open 90, 100
            + Self.column(scale: 2, [11_000, 10_400])                      // high 110, 104
            + Self.column(scale: 2, [8_000, 9_600])                        // low 80, 96
            + Self.column(scale: 2, [10_000, 0], exceptions: [(1, 102)])  // close 100, then 102 as an exact double
            + Self.column(scale: 1, [500, 510])                            // adj close 50, 51
            + Self.column(scale: 0, [7, 9])                                // volume in lots
        let set = try EmbeddedDataSet.decode(Self.file(hasAdjClose: true, volumeMultiplier: 100, body: body))
        let s = try #require(set.series["T"])
        #expect(s.days == [Day(year: 2024, month: 1, day: 2)!, Day(year: 2024, month: 1, day: 3)!])
        // Factors adj/close: 50/100 = 0.5 and 51/102 = 0.5.
        #expect(s.open == [45, 50] && s.high == [55, 52] && s.low == [40, 48] && s.close == [50, 51])
        #expect(s.volume == [700, 900])
        #expect(set.universes["t"] == ["T"] && set.notes == ["n"])
    }

    @Test("refuses a block shorter than its header says, or with bytes left over")
    func refusesBadBlocks() {
        let body = Self.days + Self.column(scale: 0, [1, 2]) + Self.column(scale: 0, [1, 2])
            + Self.column(scale: 0, [1, 2]) + Self.column(scale: 0, [1, 2])
        #expect(throws: MarketDataError.self) { try EmbeddedDataSet.decode(Self.file(hasAdjClose: false, volumeMultiplier: 1, body: body)) }
        let extra = body + Self.column(scale: 0, [1, 2]) + [0]
        #expect(throws: MarketDataError.self) { try EmbeddedDataSet.decode(Self.file(hasAdjClose: false, volumeMultiplier: 1, body: extra)) }
        let complete = body + Self.column(scale: 0, [1, 2])
        #expect(throws: Never.self) { try EmbeddedDataSet.decode(Self.file(hasAdjClose: false, volumeMultiplier: 1, body: complete)) }
    }
}
