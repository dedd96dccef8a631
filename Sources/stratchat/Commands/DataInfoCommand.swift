import ArgumentParser
import Foundation
import MarketData

/// `stratchat data info`: each source's tickers, universes, date ranges, and whether its data is real or synthetic.
struct DataInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "List what each data source holds: tickers, date ranges, real or synthetic.",
        discussion: "Exit codes: 0 listed; 2 the database or a live source could not be read."
    )

    @Flag(help: "Print the listing as one JSON object on stdout.")
    var json = false

    @OptionGroup var options: GlobalOptions

    /// The JSON form: the sources as `DataInfoReport` holds them, and which live sources are on.
    struct Output: Encodable {
        var sources: [DataInfoReport.Source]
        var liveSources: [String]
    }

    func run() async throws {
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let console = StandardConsole()
        do {
            let data = try await DataSources.open(launch, options: options, environment: environment)
            let report = data.marketData.dataInfo()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                let output = Output(sources: report.sources, liveSources: data.configuration.summary)
                console.write(String(decoding: try encoder.encode(output), as: UTF8.self) + "\n")
            } else {
                console.write(report.rendered() + "\n")
                console.write("live sources:\n" + data.configuration.summary.map { "  \($0)\n" }.joined())
            }
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
    }
}
