import Foundation
import Testing
@testable import stratchat

@Suite("Paths and the user")
struct EnvironmentTests {
    let personal = URL(fileURLWithPath: "/home/ann", isDirectory: true)

    func environment(_ variables: [String: String], login: String? = "ann") -> HostEnvironment {
        HostEnvironment(variables: variables, loginName: login, homeDirectory: personal)
    }

    @Test("home is --home, else STRATCHAT_HOME, else ~/.local/share/stratchat")
    func home() {
        let both = environment(["STRATCHAT_HOME": "/data/sc"])
        #expect(AppPaths.resolve(homeFlag: "/flag", environment: both).home.path == "/flag")
        #expect(AppPaths.resolve(homeFlag: nil, environment: both).home.path == "/data/sc")
        #expect(AppPaths.resolve(homeFlag: nil, environment: environment([:])).home.path
                == "/home/ann/.local/share/stratchat")
        #expect(AppPaths.resolve(homeFlag: nil, environment: environment(["STRATCHAT_HOME": "  "])).home.path
                == "/home/ann/.local/share/stratchat")
        #expect(AppPaths.resolve(homeFlag: "~/sc", environment: both).home.path == "/home/ann/sc")
    }

    @Test("the database and history live in home")
    func files() {
        let paths = AppPaths.resolve(homeFlag: "/data/sc", environment: environment([:]))
        #expect(paths.database.path == "/data/sc/stratchat.db")
        #expect(paths.history.path == "/data/sc/history")
        #expect(paths.homeConfig.path == "/data/sc/config.toml")
        #expect(paths.userConfig.path == "/home/ann/.config/stratchat/config.toml")
    }

    @Test("the config file in home wins over the per-person one")
    func configFile() {
        let paths = AppPaths.resolve(homeFlag: "/data/sc", environment: environment([:]))
        #expect(paths.configFile { _ in true }?.path == "/data/sc/config.toml")
        #expect(paths.configFile { $0.hasPrefix("/home") }?.path == "/home/ann/.config/stratchat/config.toml")
        #expect(paths.configFile { _ in false } == nil)
    }

    @Test("the user is --user, else STRATCHAT_USER, else the login name, else USER")
    func user() {
        let variables = ["STRATCHAT_USER": "bob", "USER": "carol"]
        #expect(UserIdentity.resolve(flag: "dan", environment: environment(variables)) == "dan")
        #expect(UserIdentity.resolve(flag: nil, environment: environment(variables)) == "bob")
        #expect(UserIdentity.resolve(flag: " ", environment: environment(["USER": "carol"])) == "ann")
        #expect(UserIdentity.resolve(flag: nil, environment: environment(["USER": "carol"], login: nil)) == "carol")
        #expect(UserIdentity.resolve(flag: nil, environment: environment([:], login: nil)) == UserIdentity.fallback)
    }

    @Test("a home folder that cannot be created is an error naming the path and the fix")
    func unusableHome() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sc-file-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let paths = AppPaths.resolve(homeFlag: file.path + "/home", environment: environment([:]))
        #expect(throws: StratchatError.self) { try paths.ensureHomeExists() }
        do {
            try paths.ensureHomeExists()
        } catch {
            #expect(error.localizedDescription.contains(file.path + "/home"))
            #expect(error.localizedDescription.contains("--home"))
        }
    }
}
