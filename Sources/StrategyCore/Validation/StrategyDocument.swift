import Foundation

/// A strategy file read from disk or from a model: the strategy when it could be built, every problem
/// found, and which values were filled in rather than written.
package struct LoadedStrategy: Hashable, Sendable {
    /// Nil when the file could not be read as a strategy at all (bad JSON, missing or mistyped keys).
    package var strategy: TradingStrategy?
    package var problems: [StrategyProblem]
    /// What was filled from defaults, e.g. `risk_parameters.stop_loss_pct = 7 (short_term default)`.
    package var filledDefaults: [String]

    /// True when there is a strategy and nothing is wrong with it.
    package var isValid: Bool { strategy != nil && problems.isEmpty }

    package init(strategy: TradingStrategy?, problems: [StrategyProblem], filledDefaults: [String]) {
        self.strategy = strategy
        self.problems = problems
        self.filledDefaults = filledDefaults
    }
}

/// Reading and writing strategy files.
///
/// Loading checks the JSON's shape first (all missing keys and wrong types, with paths), then builds the
/// model, fills absent risk keys from the timeframe's defaults (an explicit `null` stays none) and absent
/// data requirements from the field registry, and finally runs `StrategyValidator`.
package enum StrategyDocument {
    package static func load(_ data: Data) -> LoadedStrategy {
        // Editors on some systems start UTF-8 files with a byte-order mark; it is not part of the JSON.
        let data = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            return LoadedStrategy(strategy: nil, problems: [syntaxProblem(data)], filledDefaults: [])
        }
        var shape = DocumentShapeCheck()
        shape.check(document: document)
        var problems = shape.problems

        let strategy: TradingStrategy
        let filled: [RiskParameters.CodingKeys]
        do {
            strategy = try StrategyJSON.decoder.decode(TradingStrategy.self, from: data)
            filled = try StrategyJSON.decoder.decode(FilledRiskProbe.self, from: data).filled
        } catch {
            // The shape check names these problems better; this covers anything it did not foresee.
            if problems.isEmpty { problems.append(decodingProblem(error)) }
            return LoadedStrategy(strategy: nil, problems: problems, filledDefaults: [])
        }

        var result = strategy
        var notes = filled.map { key in note(for: key, in: strategy) }
        if document["data_requirements"]?.arrayValue?.isEmpty ?? true {
            result.dataRequirements = FieldRegistry.dataRequirements(for: strategy)
            let types = result.dataRequirements.map(\.dataType).joined(separator: ", ")
            notes.append("data_requirements = derived from the conditions (\(types))")
        }
        for problem in StrategyValidator.validate(result) where !problems.contains(problem) {
            problems.append(problem)
        }
        return LoadedStrategy(strategy: result, problems: problems, filledDefaults: notes)
    }

    /// Loads JSON text, as a model's tool arguments arrive.
    package static func load(text: String) -> LoadedStrategy {
        load(Data(text.utf8))
    }

    /// The canonical file text: pretty, sorted keys, every risk key written (`null` included),
    /// so the same strategy always gives the same bytes and reads back with the same meaning.
    package static func encode(_ strategy: TradingStrategy) -> String {
        if let text = try? StrategyJSON.encodeString(strategy, pretty: true) { return text }
        // Only non-finite numbers fail to encode; validation reports them, and writing them as
        // strings keeps the rest of the strategy visible instead of losing it.
        let encoder = StrategyJSON.prettyEncoder
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data = (try? encoder.encode(strategy)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func note(for key: RiskParameters.CodingKeys, in strategy: TradingStrategy) -> String {
        let risk = strategy.riskParameters
        let value: String = switch key {
        case .stopLossPct: risk.stopLossPct.map(PlainNumber.text) ?? "null"
        case .takeProfitPct: risk.takeProfitPct.map(PlainNumber.text) ?? "null"
        case .maxHoldDays: risk.maxHoldDays.map(String.init) ?? "null"
        case .positionSizePct: PlainNumber.text(risk.positionSizePct)
        case .riskPerTradePct: risk.riskPerTradePct.map(PlainNumber.text) ?? "null"
        }
        let origin = key == .positionSizePct ? "default" : "\(strategy.timeframe.rawValue) default"
        return "risk_parameters.\(key.rawValue) = \(value) (\(origin))"
    }

    /// A JSON syntax error with its line and column; Foundation only reports a character offset.
    static func syntaxProblem(_ data: Data) -> StrategyProblem {
        var detail = "the text is not valid JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch let error as NSError {
            if let debug = error.userInfo[NSDebugDescriptionErrorKey] as? String {
                detail = "the text is not valid JSON: \(debug)"
                if let offset = characterOffset(in: debug) {
                    let (line, column) = lineAndColumn(of: offset, in: data)
                    detail += " (line \(line), column \(column))"
                }
            }
        }
        if data.isEmpty { detail = "the file is empty" }
        return StrategyProblem(
            path: "", message: detail,
            fix: "check for a missing comma, quote or bracket near that spot, or a trailing comma before } or ]")
    }

    private static func characterOffset(in text: String) -> Int? {
        guard let range = text.range(of: "character ") else { return nil }
        return Int(text[range.upperBound...].prefix(while: \.isNumber))
    }

    private static func lineAndColumn(of offset: Int, in data: Data) -> (Int, Int) {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    static func decodingProblem(_ error: any Error) -> StrategyProblem {
        guard let error = error as? DecodingError else {
            return StrategyProblem(path: "", message: "the strategy could not be read: \(error.localizedDescription)",
                                   fix: "compare the file with the strategy schema")
        }
        let (path, message): ([any CodingKey], String) = switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            (context.codingPath, context.debugDescription)
        case .keyNotFound(let key, let context):
            (context.codingPath + [key], "missing required key \"\(key.stringValue)\"")
        @unknown default:
            ([], "\(error)")
        }
        return StrategyProblem(path: render(path), message: message, fix: "compare the file with the strategy schema")
    }

    static func render(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }
}

/// Reads only which risk keys a file left out, through the same code the model decodes with.
private struct FilledRiskProbe: Decodable {
    let filled: [RiskParameters.CodingKeys]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TradingStrategy.CodingKeys.self)
        let timeframe = try container.decodeIfPresent(Timeframe.self, forKey: .timeframe) ?? .fallback
        var risk: KeyedDecodingContainer<RiskParameters.CodingKeys>?
        if container.contains(.riskParameters), try !container.decodeNil(forKey: .riskParameters) {
            risk = try container.nestedContainer(keyedBy: RiskParameters.CodingKeys.self, forKey: .riskParameters)
        }
        filled = try RiskParameters.decode(from: risk, timeframe: timeframe).filled
    }
}
