import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file in the stratchat home, so two scans never overlap.
///
/// The lock belongs to the open file, so it is released when the holder closes it or its process
/// ends (a crashed scan never leaves a stale lock). Waiting polls without blocking a thread.
final class ScanLock: @unchecked Sendable {
    private let fd: Int32
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// Takes the lock, waiting up to `wait` seconds; nil when another holder kept it that long.
    static func acquire(path: String, wait: Double) async throws -> ScanLock? {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SignalError.lockFailed(path: path, reason: String(cString: strerror(errno))) }
        let deadline = Date().addingTimeInterval(max(0, wait))
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return ScanLock(fd: fd, path: path) }
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw SignalError.lockFailed(path: path, reason: reason)
            }
            if Date() >= deadline {
                close(fd)
                return nil
            }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
