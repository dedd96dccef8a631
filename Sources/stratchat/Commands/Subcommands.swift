import ArgumentParser

/// Every subcommand of `stratchat`, one line each, in the order `--help` lists them.
enum Subcommands {
    static let all: [any ParsableCommand.Type] = [
        ValidateCommand.self,
        ParseCommand.self,
        ConfigCommand.self,
        AskCommand.self,
        ReplayCommand.self,
        BacktestCommand.self,
        OptimizeCommand.self,
        RobustnessCommand.self,
        DataCommand.self,
        ScanCommand.self,
        AlertsCommand.self,
        PortfolioCommand.self,
        PaperCommand.self,
        ReportCommand.self,
        MCPCommand.self,
    ]
}
