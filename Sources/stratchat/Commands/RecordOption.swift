import ArgumentParser

/// `--record FILE`, shared by the chat and `ask`. One option group for both, because the argument parser
/// gives a name declared twice in a command and its subcommand to the outer one only, and `ask --record`
/// then wrote nothing.
struct RecordOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Write every event of the session to this file, one JSON object per line (replay it with `stratchat replay`).",
        valueName: "file.jsonl"))
    var record: String?
}
