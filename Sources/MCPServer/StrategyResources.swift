import Foundation
import MCP
import Store
import StrategyCore
import Tools

/// The person's strategies and backtest reports as resources a client can list and read:
/// `stratchat://strategies/{id}` (the strategy's JSON with every version) and
/// `stratchat://backtests/{id}/report.html` (the backtest's self-contained HTML report).
package struct StrategyResources: Sendable {
    package static let strategyTemplate = "stratchat://strategies/{id}"
    package static let reportTemplate = "stratchat://backtests/{id}/report.html"

    let store: StratStore
    let user: String
    let now: @Sendable () -> Date

    package init(store: StratStore, user: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.user = user
        self.now = now
    }

    package static func strategyURI(_ id: String) -> String { "stratchat://strategies/\(id)" }
    package static func reportURI(_ backtestId: String) -> String { "stratchat://backtests/\(backtestId)/report.html" }

    package var templates: [Resource.Template] {
        [
            Resource.Template(
                uriTemplate: Self.strategyTemplate, name: "strategy", title: "A strategy and its versions",
                description: "A stored strategy as JSON: its current definition and every version with what changed. The id may also be the id's first characters.",
                mimeType: "application/json"),
            Resource.Template(
                uriTemplate: Self.reportTemplate, name: "backtest-report", title: "A backtest's HTML report",
                description: "One stored backtest as a self-contained HTML page: equity and drawdown charts, metrics, monthly returns, trades and assumptions.",
                mimeType: "text/html"),
        ]
    }

    /// Every strategy, and the report of each one's latest backtest.
    package func list() throws -> [Resource] {
        var resources: [Resource] = []
        for strategy in try store.listStrategies(user: user) {
            let id = strategy.id
            resources.append(Resource(
                name: strategy.name, uri: Self.strategyURI(id), title: strategy.name,
                description: "\(strategy.name), version \(strategy.version)\(strategy.isActive ? "" : " (paused)"): definition and versions",
                mimeType: "application/json"))
            if let backtest = try store.latestBacktest(strategyId: id, user: user), let backtestId = backtest.backtestId {
                resources.append(Resource(
                    name: "\(strategy.name) report", uri: Self.reportURI(backtestId), title: "\(strategy.name): latest backtest",
                    description: "Backtest from \(backtest.startDate) to \(backtest.endDate) as an HTML report",
                    mimeType: "text/html"))
            }
        }
        return resources
    }

    /// The contents at `uri`; an address that names nothing of this user's is `invalidParams` with the fix.
    package func read(_ uri: String) throws -> Resource.Content {
        let prefix = "stratchat://", path = uri.hasPrefix(prefix) ? String(uri.dropFirst(prefix.count)) : ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map { String($0).removingPercentEncoding ?? String($0) }
        if parts.count == 2, parts[0] == "strategies", !parts[1].isEmpty {
            return .text(try strategyJSON(parts[1]), uri: uri, mimeType: "application/json")
        }
        if parts.count == 3, parts[0] == "backtests", parts[2] == "report.html", !parts[1].isEmpty {
            return .text(try reportHTML(parts[1]), uri: uri, mimeType: "text/html")
        }
        throw MCPError.invalidParams(
            "\(uri) is not a stratchat resource; use \(Self.strategyTemplate) or \(Self.reportTemplate) (resources/list names them)")
    }

    func strategyJSON(_ reference: String) throws -> String {
        let strategy = try resolve(reference)
        let versions = try store.versions(strategyId: strategy.id, user: user)
        let latest = try store.latestBacktest(strategyId: strategy.id, user: user)
        let document = Document(strategy: strategy, versions: versions,
                                latestBacktestReport: latest?.backtestId.map(Self.reportURI))
        return String(decoding: try Self.encoder.encode(document), as: UTF8.self)
    }

    func reportHTML(_ backtestId: String) throws -> String {
        guard let backtest = try store.backtest(id: backtestId, user: user) else {
            throw MCPError.invalidParams("no backtest \(backtestId) of \(user); resources/list names each strategy's latest report")
        }
        guard let strategyId = backtest.strategyId, let latest = try store.strategy(id: strategyId, user: user) else {
            throw MCPError.invalidParams("the strategy of backtest \(backtestId) was deleted")
        }
        let ran = try HTMLReport.strategy(runBy: backtest, latest: latest, store: store, user: user)
        return HTMLReport.render(strategy: ran, backtest: backtest, latestVersion: latest.version, generatedAt: now())
    }

    /// The strategy an address names by full id or a unique id prefix.
    func resolve(_ reference: String) throws -> StoredStrategy {
        switch try store.resolveStrategyReference(reference, user: user) {
        case .found(let strategy):
            return strategy
        case .ambiguous(let matches):
            let ids = matches.map(\.id).map(Self.strategyURI).joined(separator: ", ")
            throw MCPError.invalidParams("\"\(reference)\" names several strategies: \(ids); use the full id")
        case .notFound(let suggestion):
            throw MCPError.invalidParams("no strategy \"\(reference)\" of \(user)"
                + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "") + " resources/list names every strategy")
        }
    }

    /// What a strategy resource holds.
    struct Document: Encodable {
        var strategy: StoredStrategy
        var versions: [StrategyVersion]
        var latestBacktestReport: String?

        enum CodingKeys: String, CodingKey {
            case strategy, versions
            case latestBacktestReport = "latest_backtest_report"
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
