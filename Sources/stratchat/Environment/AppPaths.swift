import Foundation

/// Where stratchat keeps its files: the home folder with the database and the REPL history, and the two
/// places a config file may live (DESIGN.md, "Configuration and files").
struct AppPaths: Hashable, Sendable {
    /// `--home`, else `$STRATCHAT_HOME`, else `~/.local/share/stratchat`.
    let home: URL
    /// `~/.config/stratchat/config.toml`, read when the home folder holds no `config.toml`.
    let userConfig: URL

    var database: URL { home.appendingPathComponent("stratchat.db") }
    var history: URL { home.appendingPathComponent("history") }
    var homeConfig: URL { home.appendingPathComponent("config.toml") }

    init(home: URL, userConfig: URL) {
        self.home = home
        self.userConfig = userConfig
    }

    /// Resolves the home folder: the flag beats the environment, which beats the default.
    static func resolve(homeFlag: String?, environment: HostEnvironment) -> AppPaths {
        let personalHome = environment.homeDirectory
        let home: URL
        if let flag = homeFlag?.trimmingCharacters(in: .whitespaces), !flag.isEmpty {
            home = expand(flag, personalHome: personalHome)
        } else if let variable = environment["STRATCHAT_HOME"] {
            home = expand(variable, personalHome: personalHome)
        } else {
            home = personalHome.appendingPathComponent(".local/share/stratchat", isDirectory: true)
        }
        let userConfig = personalHome.appendingPathComponent(".config/stratchat/config.toml")
        return AppPaths(home: home.standardizedFileURL, userConfig: userConfig)
    }

    /// The config file in force: the home folder's when it exists, else the per-person one, else none.
    func configFile(fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> URL? {
        [homeConfig, userConfig].first { fileExists($0.path) }
    }

    /// Creates the home folder when it is missing, so the database and history have somewhere to live.
    func ensureHomeExists() throws(StratchatError) {
        do {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .homeUnusable(path: home.path, reason: Self.reason(error))
        }
    }

    /// Expands a leading `~` and makes a relative path absolute against the working folder.
    private static func expand(_ path: String, personalHome: URL) -> URL {
        if path == "~" { return personalHome }
        if path.hasPrefix("~/") { return personalHome.appendingPathComponent(String(path.dropFirst(2))) }
        if path.hasPrefix("/") { return URL(fileURLWithPath: path, isDirectory: true) }
        let working = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return working.appendingPathComponent(path, isDirectory: true)
    }

    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(code)))
        }
        return error.localizedDescription
    }
}
