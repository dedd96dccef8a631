import ArgumentParser

/// The options every command accepts: who the user is, where the files live, and how output looks.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Whose strategies to use (default: $STRATCHAT_USER, else your login name).", valueName: "name"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp(
        "The folder holding the database and history (default: $STRATCHAT_HOME, else ~/.local/share/stratchat).",
        valueName: "dir"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp(
        "The chat model, as name or provider:name (ollama:llama3.1, anthropic:claude-sonnet-4-5).", valueName: "model"))
    var model: String?

    @Option(name: .long, help: ArgumentHelp("The model provider: openai, anthropic or offline.", valueName: "provider"))
    var provider: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The provider's API address, e.g. http://localhost:11434/v1 for a local Ollama.", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("turn-timeout"), help: ArgumentHelp(
        "The most seconds one chat turn may take (default 300; STRATCHAT_TURN_TIMEOUT, turn_timeout in the config).",
        valueName: "seconds"))
    var turnTimeout: Double?

    @Flag(name: .customLong("no-color"), help: "Never colour the output (NO_COLOR works too).")
    var noColor = false

    @Flag(name: .long, help: "Draw tables with plain ASCII instead of box-drawing characters.")
    var ascii = false

    /// Resolves the options against the environment into plain values (the config file is read separately,
    /// by `loadSettings`, so `validate` never fails over a bad config).
    func launch(environment: HostEnvironment = .current()) -> LaunchSettings {
        // Every command starts here, so every exit path closes the store from now on.
        ExitGuard.install()
        return LaunchSettings(
            user: UserIdentity.resolve(flag: user, environment: environment),
            paths: AppPaths.resolve(homeFlag: home, environment: environment),
            style: OutputStyle.detect(noColorFlag: noColor, asciiFlag: ascii, environment: environment)
        )
    }
}

/// The global options once resolved: the user, the paths and the output style.
struct LaunchSettings: Hashable, Sendable {
    var user: String
    var paths: AppPaths
    var style: OutputStyle
}
