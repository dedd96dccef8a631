import Foundation

/// What the program reads from the machine it runs on: environment variables, the login name and the
/// person's home folder. Kept in one value so tests can pin every input instead of inheriting the real ones.
struct HostEnvironment: Sendable {
    var variables: [String: String]
    var loginName: String?
    var homeDirectory: URL

    init(variables: [String: String], loginName: String? = nil, homeDirectory: URL) {
        self.variables = variables
        self.loginName = loginName
        self.homeDirectory = homeDirectory
    }

    /// The environment of this process.
    static func current() -> HostEnvironment {
        HostEnvironment(
            variables: ProcessInfo.processInfo.environment,
            loginName: passwordEntryName(),
            homeDirectory: FileManager.default.homeDirectoryForCurrentUser
        )
    }

    /// A variable's value, treating an empty or blank value as unset (`STRATCHAT_HOME= stratchat` means "default").
    subscript(_ name: String) -> String? {
        guard let value = variables[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The login name from the password database, which stays right under `sudo -E` and in containers
    /// where `USER` is often unset.
    private static func passwordEntryName() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        let value = String(cString: name)
        return value.isEmpty ? nil : value
    }
}
