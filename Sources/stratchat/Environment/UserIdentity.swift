import Foundation

/// Who the rows belong to: `--user`, else `STRATCHAT_USER`, else the login name.
enum UserIdentity {
    /// The name used when even the login name is unknown (a container with no password entry and no `USER`).
    static let fallback = "default"

    static func resolve(flag: String?, environment: HostEnvironment) -> String {
        if let flag = flag?.trimmingCharacters(in: .whitespaces), !flag.isEmpty { return flag }
        if let variable = environment["STRATCHAT_USER"] { return variable }
        if let login = environment.loginName { return login }
        if let variable = environment["USER"] { return variable }
        return fallback
    }
}
