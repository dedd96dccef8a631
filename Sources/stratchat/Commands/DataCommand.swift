import ArgumentParser

/// `stratchat data`: what market data the program holds, and importing price CSVs.
struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Show the market data on hand, import price CSVs, or back up the database.",
        discussion: """
            With no key and no network, prices come from the embedded data set (real prices) with a synthetic \
            sample of insider, Reddit, fundamental and analyst data, plus any CSVs you imported. FMP_API_KEY \
            (or [keys] fmp in the config file) switches on Financial Modeling Prep; STRATCHAT_MENTIONS=apewisdom \
            or REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET switch on live Reddit mentions.
            """,
        subcommands: [DataInfoCommand.self, DataImportCommand.self, DataBackupCommand.self]
    )
}
