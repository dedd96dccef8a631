import Foundation
import StrategyCore

/// JSON for `--json` output that never fails on a number JSON cannot hold: NaN and infinity (from price
/// data that cannot be right) are written as `null`, and the caller warns how many there were.
enum FiniteJSON {
    /// Stands in for a non-finite number during encoding; replaced by `null` after.
    private static let marker = "__stratchat_not_a_finite_number__"

    static func encode(_ value: some Encodable) throws -> (text: String, nonFinite: Int) {
        let encoder = StrategyJSON.encoder
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: marker, negativeInfinity: marker, nan: marker)
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        let quoted = "\"\(marker)\""
        let count = text.components(separatedBy: quoted).count - 1
        return (count == 0 ? text : text.replacingOccurrences(of: quoted, with: "null"), count)
    }

    /// The warning for `count` numbers written as null.
    static func warning(_ count: Int) -> String {
        "warning: \(count) number\(count == 1 ? " was" : "s were") not finite (NaN or infinity) and \(count == 1 ? "is" : "are") written as null "
            + "— the price data probably holds a zero or absurd price; check it with stratchat data info"
    }
}
