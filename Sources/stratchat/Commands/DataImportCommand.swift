import ArgumentParser
import Foundation
import MarketData

/// `stratchat data import PATH`: stores price CSVs in the database as a named set usable as a universe.
struct DataImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a price CSV file or a folder of them into the database.",
        discussion: """
            Accepts Yahoo (Date,Open,High,Low,Close,Adj Close,Volume), Stooq downloads and bulk text files, a \
            long format with a Symbol column, and files whose first column holds dates. The ticker comes from \
            the Symbol column, else the file name (AAPL.csv, aapl.us.txt); --ticker overrides both. With Adj \
            Close, open/high/low/close are scaled by Adj Close / Close unless --raw. Importing a ticker again \
            into the same set replaces its rows and says how many.

            The set is named by --name, else the folder's name, else "csv"; use it as --universe NAME in \
            `stratchat backtest`. Imported data is shared by every user of the database.

            Exit codes: 0 every row imported; 1 some rows or files had problems (listed by file and line; the \
            valid rows were stored); 2 nothing valid to import, or the path or database cannot be read.
            """
    )

    @Argument(help: ArgumentHelp("A CSV file or a folder of CSV files.", valueName: "path"))
    var path: String

    @Option(help: ArgumentHelp("The ticker of every row (overrides the Symbol column and the file name).", valueName: "ticker"))
    var ticker: String?

    @Flag(help: "Keep open, high, low and close as written even when an Adj Close column is present.")
    var raw = false

    @Option(help: ArgumentHelp("The imported set's name (default: the folder's name, or \"csv\" for one file).", valueName: "set"))
    var name: String?

    @Flag(help: "Print the import report as one JSON object on stdout.")
    var json = false

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let console = StandardConsole()
        let report: ImportReport
        do {
            let (data, store) = try await DataSources.openWithStore(launch, options: options, environment: environment)
            let given = name?.trimmingCharacters(in: .whitespaces)
            let setName = given?.isEmpty == false ? given! : Self.defaultSetName(path)
            try Self.checkFree(setName, among: data.marketData)
            report = try DataImporter(storage: store).importPath(
                path, options: .init(ticker: ticker, raw: raw, source: setName))
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            console.write(String(decoding: (try? encoder.encode(report)) ?? Data("{}".utf8), as: UTF8.self) + "\n")
        } else {
            console.write(report.rendered() + "\n")
            console.write("Use it with: stratchat backtest --universe \(Self.quoted(report.source)) --strategy …\n")
        }
        if !report.problems.isEmpty || !report.refused.isEmpty { throw ExitCode(1) }
    }

    /// The importer's own default: the folder's name, or "csv" for a single file.
    static func defaultSetName(_ path: String) -> String {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        return isFolder.boolValue ? url.lastPathComponent : "csv"
    }

    /// A set named like another source or one of its universes ("embedded", "sample", "sp500") would hide it
    /// from `--universe`, so such a name is refused; re-importing into an imported set is fine.
    static func checkFree(_ setName: String, among marketData: MarketData) throws {
        let lower = setName.lowercased()
        let builtIn = marketData.sources.filter { !($0 is StoredBarsSource) }
        let taken = builtIn.flatMap { [$0.info.name] + Array($0.info.universes.keys) }
            + ["sp500", FMPSource.name, ApeWisdomSource.name, RedditSource.name, EmbeddedSource.name]
        if taken.contains(where: { $0.lowercased() == lower }) {
            throw MarketDataError.sourceUnavailable(
                "The set name \"\(setName)\"", fix: "It already names a data source or universe; choose another with --name.")
        }
    }

    /// The set's name as a shell argument.
    static func quoted(_ name: String) -> String {
        name.allSatisfy { $0.isLetter || $0.isNumber || "-_.^,".contains($0) } ? name : "'\(name)'"
    }
}
