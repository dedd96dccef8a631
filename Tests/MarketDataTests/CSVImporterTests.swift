import Foundation
import Testing
@testable import MarketData
import Store
import StrategyCore

/// Each test writes small files by hand; expected prices are worked out in the comments.
@Suite("CSV import")
struct CSVImporterTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    func write(_ files: [String: String]) throws -> URL {
        let folder = try FixturePaths.temporaryFolder().appendingPathComponent("prices")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    func importOne(_ name: String, _ text: String, _ options: CSVImporter.Options = .init(),
                   storage: InMemoryBarStorage = InMemoryBarStorage()) throws -> (ImportReport, InMemoryBarStorage) {
        let folder = try write([name: text])
        let report = try DataImporter(storage: storage).importPath(folder.appendingPathComponent(name).path, options: options)
        return (report, storage)
    }

    static let yahoo = """
        Date,Open,High,Low,Close,Adj Close,Volume
        2024-01-02,90,110,80,100,50,1000
        2024-01-03,100,104,96,102,51,2000
        """

    @Test("Yahoo files are scaled by Adj Close / Close, and --raw keeps them as they are")
    func yahoo() throws {
        let (report, storage) = try importOne("AAPL.csv", Self.yahoo)
        #expect(report.perTicker.map(\.ticker) == ["AAPL"])
        #expect(report.perTicker[0].adjusted)
        #expect(report.formats["AAPL.csv"] == "Yahoo (Adj Close)")
        let s = try #require(try storage.storedBars(source: "csv", ticker: "AAPL"))
        // Factor 50/100 = 0.5 on day one: 90, 110, 80 → 45, 55, 40; close becomes 50. Day two: 51/102 = 0.5.
        #expect(s.open == [45, 50] && s.high == [55, 52] && s.low == [40, 48] && s.close == [50, 51])
        #expect(s.volume == [1000, 2000])
        #expect(report.rendered().contains("adjusted by Adj Close / Close"))

        let (raw, rawStorage) = try importOne("AAPL.csv", Self.yahoo, .init(raw: true))
        #expect(raw.perTicker[0].adjusted == false)
        #expect(try rawStorage.storedBars(source: "csv", ticker: "AAPL")?.close == [100, 102])
        #expect(raw.rendered().contains("prices as in the file"))
    }

    @Test("Stooq downloads, matched case-insensitively, take the ticker from the file name")
    func stooq() throws {
        let text = """
            DATE,open,HIGH,Low,close,VOLUME
            2024-01-02,10,11,9,10.5,300
            2024-01-03,10.5,12,10,11.5,400
            """
        for name in ["aapl.us.txt", "aapl_us_d.csv", "AAPL.csv"] {
            let (report, storage) = try importOne(name, text)
            #expect(report.perTicker.map(\.ticker) == ["AAPL"], "\(name)")
            #expect(report.perTicker[0].adjusted == false)
            #expect(try storage.storedBars(source: "csv", ticker: "AAPL")?.close == [10.5, 11.5])
        }
        let (overridden, _) = try importOne("aapl.us.txt", text, .init(ticker: "apple"))
        #expect(overridden.perTicker.map(\.ticker) == ["APPLE"], "--ticker beats the file name")
    }

    @Test("Stooq bulk text files take the ticker from <TICKER> and dates as YYYYMMDD")
    func stooqBulk() throws {
        let text = """
            <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>
            AAPL.US,D,19840907,000000,0.100763,0.101999,0.0995,0.100763,97676041.0,0
            AAPL.US,D,19840910,000000,0.100763,0.101071,0.098572,0.100165,75812543.0,0
            """
        let (report, storage) = try importOne("whatever.txt", text)
        #expect(report.formats["whatever.txt"] == "Stooq bulk")
        #expect(report.perTicker.map(\.ticker) == ["AAPL"])
        let s = try #require(try storage.storedBars(source: "csv", ticker: "AAPL"))
        #expect(s.days == [Self.d("1984-09-07"), Self.d("1984-09-10")])
        #expect(s.low == [0.0995, 0.098572] && s.volume == [97_676_041, 75_812_543])
    }

    @Test("long files with a Symbol column split into one series per symbol, M/D/YYYY dates accepted")
    func longFormat() throws {
        let text = """
            symbol,date,open,high,low,close,volume
            MSFT,1/2/2024,370,376,366,370.87,25000000
            AAPL,1/2/2024,187,188.4,183.9,185.64,82000000
            MSFT,1/3/2024,369,373,368,370.6,23000000
            """
        let (report, storage) = try importOne("mixed.csv", text, .init(source: "portfolio"))
        #expect(report.source == "portfolio")
        #expect(report.perTicker.map(\.ticker) == ["AAPL", "MSFT"])
        #expect(report.perTicker.map(\.rows) == [1, 2])
        #expect(try storage.storedBars(source: "portfolio", ticker: "MSFT")?.days == [Self.d("2024-01-02"), Self.d("2024-01-03")])
    }

    @Test("a first column of dates with no header is read as date, open, high, low, close, volume")
    func headerless() throws {
        let text = "2024-01-02,10,11,9,10.5,300\n20240103,10.5,12,10,11.5,400\n"
        let (report, storage) = try importOne("spy.csv", text)
        #expect(report.formats["spy.csv"] == "no header (dates in the first column)")
        let s = try #require(try storage.storedBars(source: "csv", ticker: "SPY"))
        #expect(s.count == 2 && s.volume == [300, 400])
        let noVolume = try importOne("qqq.csv", "1/2/2024,10,11,9,10.5\n").0
        #expect(noVolume.notes.contains { $0.contains("no volume column") })
    }

    @Test("bad rows are reported by file and line, and the valid rows are kept")
    func badRows() throws {
        let text = """
            Date,Open,High,Low,Close,Volume
            2024-01-02,10,11,9,10.5,300
            2024-01-03,null,11,9,10.5,300
            2024-01-04,10,9,11,10.5,300
            2024-01-05,10,11,-9,10.5,300
            2024-01-05,10,11,9,10.6,300
            2024-01-09,10,11,9,10.7,300
            2024-01-08,10,11,9,10.8,300
            2024-01-08,10,11,9,10.9,300
            Jan 10 2024,10,11,9,10.5,300
            2024-01-11,10,11,9
            2024-01-12,10,11,9,10.5,-5
            """
        let (report, storage) = try importOne("T.csv", text)
        let byLine = Dictionary(uniqueKeysWithValues: report.problems.map { ($0.line, $0.message) })
        #expect(report.problems.allSatisfy { $0.file == "T.csv" })
        #expect(byLine[3]?.contains("unparsable number \"null\" in Open") == true)
        #expect(byLine[4]?.contains("high 9 is below low 11") == true)
        #expect(byLine[5]?.contains("price -9 in Low is not above zero; correct or delete the row") == true)
        #expect(byLine[9]?.contains("duplicate date 2024-01-08") == true)
        #expect(byLine[10]?.contains("unparsable date") == true)
        #expect(byLine[11]?.contains("4 fields where the header has 6; correct or delete the row") == true)
        #expect(byLine[12]?.contains("negative volume") == true)
        #expect(report.problems.count == 7)
        // Sorting is no problem: one note says how many rows were put in date order.
        #expect(report.notes.contains("T.csv: sorted 1 row into date order"))
        // Kept: 01-02, 01-05 (line 6), 01-08 (line 8, sorted into place), 01-09.
        let s = try #require(try storage.storedBars(source: "csv", ticker: "T"))
        #expect(s.days == ["2024-01-02", "2024-01-05", "2024-01-08", "2024-01-09"].map(Self.d))
        #expect(s.close == [10.5, 10.6, 10.8, 10.7])
        #expect(report.rendered().contains("T.csv line 4: high 9 is below low 11"))
    }

    @Test("a file with nothing valid is refused with the reason")
    func nothingValid() throws {
        let bad = "Date,Open,High,Low,Close\n2024-01-02,x,1,1,1\n"
        do {
            _ = try importOne("BAD.csv", bad)
            Issue.record("expected a refusal")
        } catch let error as MarketDataError {
            let text = error.errorDescription ?? ""
            #expect(text.contains("none of its 1 rows is valid") && text.contains("unparsable number \"x\" in Open"), "\(text)")
        }
        #expect(throws: MarketDataError.self) { try importOne("EMPTY.csv", "Date,Open,High,Low,Close\n") }
        do {
            _ = try importOne("NOTES.csv", "name,comment\nfoo,bar\n")
            Issue.record("expected a refusal")
        } catch let error as MarketDataError {
            #expect(error.errorDescription?.contains("not a recognised price CSV") == true)
        }
    }

    @Test("a folder imports every CSV in it, lists refused files, and names the set after the folder")
    func folder() throws {
        let folder = try write([
            "AAPL.csv": Self.yahoo,
            "nested/msft.us.txt": "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,1,2,10\n",
            "broken.csv": "Date,Open,High,Low,Close\n2024-01-02,1,2,3,2\n",
            "readme.md": "not data",
        ])
        let storage = InMemoryBarStorage()
        let report = try DataImporter(storage: storage).importPath(folder.path)
        #expect(report.source == "prices")
        #expect(report.perTicker.map(\.ticker) == ["AAPL", "MSFT"])
        #expect(report.refused.map(\.file) == ["broken.csv"])
        #expect(report.refused.first?.reason.contains("high 2 is below low 3") == true)
        let data = try MarketData.offline(storage: storage)
        #expect(try data.resolve(universe: "prices").tickers == ["AAPL", "MSFT"])
        #expect(data.dataInfo().rendered().contains("prices: 2 tickers"))
    }

    @Test("importing a ticker again replaces its rows and says how many")
    func replaces() throws {
        let storage = InMemoryBarStorage()
        let first = try importOne("AAPL.csv", Self.yahoo, storage: storage).0
        #expect(first.perTicker[0].replacedRows == 0)
        let again = try importOne("AAPL.csv", "Date,Open,High,Low,Close,Volume\n2024-02-01,1,2,1,2,10\n", storage: storage).0
        #expect(again.perTicker[0].replacedRows == 2 && again.perTicker[0].rows == 1)
        #expect(again.rendered().contains("replaced 2 earlier rows"))
        #expect(try storage.storedBars(source: "csv", ticker: "AAPL")?.count == 1)
    }

    @Test("a newest-first file is read in reverse without reporting every row")
    func newestFirst() throws {
        let text = "Date,Open,High,Low,Close\n2024-01-04,1,2,1,2\n2024-01-03,1,2,1,2\n2024-01-02,1,2,1,2\n"
        let (report, storage) = try importOne("X.csv", text)
        #expect(report.problems.isEmpty)
        #expect(report.notes.contains { $0.contains("newest first") })
        #expect(try storage.storedBars(source: "csv", ticker: "X")?.firstDay == Self.d("2024-01-02"))
    }
}

@Suite("CSV import of the shared source file")
struct CSVImportSharedFileTests {
    @Test("importing the members file (when on this machine) agrees with the embedded set, but for volume lots")
    func membersFile() throws {
        let path = FixturePaths.sharedPrices.appendingPathComponent("SP500-members_2009-2010_bytetheory.csv").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let storage = InMemoryBarStorage()
        let report = try DataImporter(storage: storage).importPath(path)
        #expect(report.perTicker.count == 524 && report.problems.isEmpty && report.totalRows == 122_574)
        let embedded = try EmbeddedDataSet.shared()
        for ticker in ["AAPL", "XOM", "ZMH"] {
            let imported = try #require(try storage.storedBars(source: "csv", ticker: ticker))
            let shipped = try #require(embedded.series[ticker])
            #expect(imported.days == shipped.days && imported.close == shipped.close && imported.high == shipped.high)
            #expect(imported.volume.map { $0 * 100 } == shipped.volume, "the embedded set stores shares, the file lots of 100")
        }
    }
}

@Suite("CSV import into the SQLite store")
struct CSVImportStoreTests {
    @Test("imports into the store, replaces on re-import, and lists the set as a source")
    func store() throws {
        let store = try StratStore.inMemory()
        let folder = try FixturePaths.temporaryFolder().appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try CSVImporterTests.yahoo.write(to: folder.appendingPathComponent("AAPL.csv"), atomically: true, encoding: .utf8)
        let first = try DataImporter(storage: store).importPath(folder.path)
        #expect(first.perTicker.map(\.replacedRows) == [0])
        let again = try DataImporter(storage: store).importPath(folder.path)
        #expect(again.perTicker.map(\.replacedRows) == [2] && again.perTicker.map(\.rows) == [2])
        #expect(try store.storedBars(source: "mine", ticker: "AAPL")?.close == [50, 51])
        let data = try MarketData.offline(storage: store)
        #expect(try data.resolve(universe: "mine").members.map(\.source) == ["mine"])
        #expect(data.dataInfo().sources.map(\.name) == ["embedded", "long-history", "mine"])
    }
}
