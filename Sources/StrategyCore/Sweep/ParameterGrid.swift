import Foundation

/// The numbers a sweep varies: one axis per number of the strategy JSON, named by its path
/// (`risk_parameters.stop_loss_pct`, `entry_conditions.0.value`), each with its values; the variants are
/// every combination, the last axis varying fastest.
///
/// A path that ends at a field name (`entry_conditions.0.field` holding `rsi_14`) varies that indicator's
/// period, the last number in the name (`rsi_10`, `rsi_12`, …).
///
/// `ParameterGrid.Axis.parse("risk_parameters.stop_loss_pct=4..12:2")` reads the command line's form.
package struct ParameterGrid: Hashable, Sendable {
    package struct Axis: Hashable, Sendable {
        package var path: String
        package var values: [Double]

        package init(path: String, values: [Double]) {
            self.path = path
            self.values = values
        }

        /// `PATH=LO..HI:STEP` (the step defaults to 1), or `PATH=A,B,C` for listed values.
        package static func parse(_ text: String) throws -> Axis {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else { throw SweepError.badAxis(text) }
            let spec = parts[1]
            if spec.contains("..") {
                let rangeAndStep = spec.split(separator: ":", maxSplits: 1).map(String.init)
                let bounds = rangeAndStep[0].components(separatedBy: "..")
                guard bounds.count == 2, let lo = Double(bounds[0]), let hi = Double(bounds[1]) else { throw SweepError.badAxis(text) }
                let step = rangeAndStep.count == 2 ? Double(rangeAndStep[1]) : 1
                guard let step, step > 0, step.isFinite else { throw SweepError.badStep(text) }
                return Axis(path: parts[0], values: try steps(from: lo, to: hi, by: step, text: text))
            }
            let values = spec.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0?.isFinite == true }) else { throw SweepError.badAxis(text) }
            return Axis(path: parts[0], values: values.compactMap { $0 })
        }

        /// lo, lo + step, … up to hi (included when it lands on a step, within rounding).
        package static func steps(from lo: Double, to hi: Double, by step: Double, text: String = "") throws -> [Double] {
            guard lo.isFinite, hi.isFinite, lo <= hi else { throw SweepError.badRange(text.isEmpty ? "\(lo)..\(hi)" : text) }
            let count = Int(((hi - lo) / step + 1e-9).rounded(.down)) + 1
            guard count <= ParameterGrid.maximumVariants else { throw SweepError.tooManyVariants(count) }
            // Rounded to 10 decimals, so 0.1 steps read 0.3 rather than 0.30000000000000004.
            return (0..<count).map { ((lo + Double($0) * step) * 1e10).rounded() / 1e10 }
        }
    }

    /// Above this a sweep is refused: narrow the grid or sweep in parts.
    package static let maximumVariants = 100_000

    package var axes: [Axis]

    package init(axes: [Axis]) throws {
        guard !axes.isEmpty, axes.contains(where: { Set($0.values).count > 1 }) else { throw SweepError.nothingToVary }
        if let empty = axes.first(where: { $0.values.isEmpty }) { throw SweepError.badAxis(empty.path) }
        var seen = Set<String>()
        for axis in axes where !seen.insert(axis.path).inserted { throw SweepError.repeatedPath(axis.path) }
        let count = axes.reduce(1.0) { $0 * Double($1.values.count) }
        guard count <= Double(Self.maximumVariants) else { throw SweepError.tooManyVariants(Int(min(count, 1e15))) }
        self.axes = axes
    }

    package var count: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// The values of variant `index`, one per axis.
    package func values(at index: Int) -> [Double] {
        var rest = index
        var out = [Double](repeating: 0, count: axes.count)
        for a in axes.indices.reversed() {
            let n = axes[a].values.count
            out[a] = axes[a].values[rest % n]
            rest /= n
        }
        return out
    }

    /// The strategy with variant `index`'s numbers put in.
    package func strategy(_ base: TradingStrategy, variant index: Int) throws -> TradingStrategy {
        try strategy(base, json: Self.json(base), variant: index)
    }

    /// Every variant's strategy, in order; the base is read into JSON once.
    package func strategies(_ base: TradingStrategy) throws -> [TradingStrategy] {
        let json = try Self.json(base)
        return try (0..<count).map { try strategy(base, json: json, variant: $0) }
    }

    static func json(_ base: TradingStrategy) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: StrategyJSON.encoder.encode(base))
    }

    func strategy(_ base: TradingStrategy, json baseJSON: JSONValue, variant index: Int) throws -> TradingStrategy {
        var json = baseJSON
        for (axis, value) in zip(axes, values(at: index)) {
            json = try Self.setting(json, path: axis.path.split(separator: ".").map(String.init), to: value, whole: axis.path)
        }
        var strategy = try StrategyJSON.decoder.decode(TradingStrategy.self, from: StrategyJSON.encoder.encode(json))
        strategy.id = base.id
        strategy.version = base.version
        strategy.userId = base.userId
        return strategy
    }

    /// Checks every path against the strategy before any work, so a typo fails at once with what is there.
    package func check(_ base: TradingStrategy) throws {
        _ = try strategy(base, variant: 0)
    }

    static func setting(_ json: JSONValue, path: [String], to value: Double, whole: String) throws -> JSONValue {
        guard let key = path.first else {
            switch json {
            case .number: return .number(value)
            case .string(let name) where name.range(of: #"_\d+$"#, options: .regularExpression) != nil:
                guard value >= 1, value == value.rounded() else { throw SweepError.notAPeriod(path: whole, value: value) }
                let stem = name.replacingOccurrences(of: #"_\d+$"#, with: "", options: .regularExpression)
                return .string("\(stem)_\(Int(value))")
            case .null: return .number(value)
            default: throw SweepError.notANumber(path: whole, found: Self.describe(json))
            }
        }
        let rest = Array(path.dropFirst())
        switch json {
        case .object(var object):
            guard let inner = object[key] else {
                throw SweepError.noSuchPath(path: whole, key: key, available: object.keys.sorted())
            }
            object[key] = try setting(inner, path: rest, to: value, whole: whole)
            return .object(object)
        case .array(var array):
            guard let i = Int(key), array.indices.contains(i) else {
                throw SweepError.noSuchPath(path: whole, key: key, available: array.indices.map(String.init))
            }
            array[i] = try setting(array[i], path: rest, to: value, whole: whole)
            return .array(array)
        default:
            throw SweepError.notANumber(path: whole, found: Self.describe(json))
        }
    }

    static func describe(_ json: JSONValue) -> String {
        switch json {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let x): "\(x)"
        case .string(let s): "\"\(s)\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}
