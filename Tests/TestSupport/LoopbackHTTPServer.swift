import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small real HTTP/1.1 server on 127.0.0.1 with an ephemeral port, for tests that must cross a socket.
///
/// Routes are scripted per path: each request to a path takes the next reply in its list, and the last
/// reply repeats. Every connection gets `Connection: close`.
///
/// The socket is bound and listening before `init` returns, so a client may connect at once; the kernel
/// queues connections until the accept thread takes them, however late that thread is scheduled. The
/// server stops when it is deinitialised or `stop()` is called, and as a safety net after `lifetime`
/// seconds or `maxRequests` requests; the lifetime is long because a test on a loaded machine may wait
/// many seconds for a core before its client connects.
package final class LoopbackHTTPServer: @unchecked Sendable {
    package enum ServerError: Error, LocalizedError {
        case socket(String)
        package var errorDescription: String? {
            if case .socket(let what) = self { return "Loopback server could not start: \(what)." }
            return nil
        }
    }

    /// The port the kernel chose.
    package let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var routes: [String: [LoopbackReply]]
    private var served: [String: Int] = [:]
    private var log: [LoopbackRequest] = []
    private var stopped = false
    private var hangUps = 0
    private let maxRequests: Int
    private let deadline: Date
    private let responder: Responder?

    /// Answers a request from state (a stand-in for a whole API); nil falls back to the scripted routes.
    package typealias Responder = @Sendable (LoopbackRequest) -> LoopbackReply?

    /// Starts listening at once; `routes` maps a path (no query) to its scripted replies, and `responder`, when
    /// given, answers first.
    package init(routes: [String: [LoopbackReply]], lifetime: TimeInterval = 600, maxRequests: Int = 200,
                 responder: Responder? = nil) throws {
        self.routes = routes
        self.responder = responder
        self.maxRequests = maxRequests
        self.deadline = Date().addingTimeInterval(lifetime)

        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServerError.socket("socket() failed, errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, SOMAXCONN) == 0 else {
            close(fd)
            throw ServerError.socket("bind/listen on 127.0.0.1 failed, errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.listener = fd
        self.port = UInt16(bigEndian: address.sin_port)

        // The thread holds the server only while it accepts one connection, so dropping the server stops it.
        // It alone closes the listening socket, after its last `accept`: closing it from `stop()` could
        // free the descriptor number for another test's socket while this thread is about to accept on it.
        let thread = Thread { [weak self] in
            while let server = self, server.acceptOne() {}
            self?.stop()
            close(fd)
        }
        thread.name = "LoopbackHTTPServer:\(port)"
        thread.start()
    }

    deinit { stop() }

    /// The base URL, e.g. `http://127.0.0.1:54321`.
    package var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// A URL on this server.
    package func url(_ pathAndQuery: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)" + (pathAndQuery.hasPrefix("/") ? "" : "/") + pathAndQuery)!
    }

    /// How many requests have been received, on every path.
    package var requestCount: Int { lock.withLock { log.count } }

    /// Every request received so far, in order.
    package var requests: [LoopbackRequest] { lock.withLock { log } }

    /// How many times a client closed its connection before the scripted reply was fully written
    /// (a timeout or a cancelled stream on the client's side).
    package var clientHangUps: Int { lock.withLock { hangUps } }

    /// How many requests a path has received.
    package func requestCount(path: String) -> Int { lock.withLock { log.filter { $0.path == path }.count } }

    /// Replaces or adds the replies of a path and resets its position.
    package func setRoute(_ path: String, _ replies: [LoopbackReply]) {
        lock.withLock {
            routes[path] = replies
            served[path] = 0
        }
    }

    /// Stops accepting: new connections are refused at once. Connections already being answered finish on
    /// their own, and one held open (`.noAnswer`, a stalled stream) is closed.
    package func stop() {
        let wasRunning: Bool = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        if wasRunning { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    private var isStopped: Bool { lock.withLock { stopped || log.count >= maxRequests } || Date() > deadline }

    /// Waits briefly for a connection and hands it to its own thread; false once the server has stopped.
    private func acceptOne() -> Bool {
        guard !isStopped else { return false }
        var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 100) > 0, !isStopped else { return !isStopped }
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return true }
        let thread = Thread { [weak self] in
            self?.serve(client)
            close(client)
        }
        thread.start()
        return true
    }

    private func serve(_ fd: Int32) {
        guard let request = readRequest(fd) else { return }
        lock.withLock { log.append(request) }
        if let responder, let reply = responder(request) {
            write(reply, to: fd)
            return
        }
        let reply: LoopbackReply = lock.withLock {
            guard let list = routes[request.path], !list.isEmpty else {
                return .response(status: 404, headers: ["Content-Type": "text/plain"], body: Data("no route \(request.path)".utf8))
            }
            let index = served[request.path, default: 0]
            served[request.path] = index + 1
            return list[min(index, list.count - 1)]
        }
        write(reply, to: fd)
    }

    private func write(_ reply: LoopbackReply, to fd: Int32) {
        switch reply {
        case .response(let status, let headers, let body):
            var all = headers
            all["Content-Length"] = String(body.count)
            _ = send(fd, head(status, all) + body)
        case .noAnswer:
            _ = waitForHangUp(fd, seconds: .infinity)
        case .truncated(let status, let headers, let body, let announced):
            var all = headers
            all["Content-Length"] = String(announced)
            _ = send(fd, head(status, all) + body)
        case .chunked(let status, let headers, let chunks, let pause, let ending):
            var all = headers
            all["Transfer-Encoding"] = "chunked"
            guard send(fd, head(status, all)) else { return }
            for (index, chunk) in chunks.enumerated() {
                if case .cut(let after) = ending, index >= after { return }
                if pause > 0, waitForHangUp(fd, seconds: pause) { return }
                var frame = Data((String(chunk.count, radix: 16) + "\r\n").utf8)
                frame.append(chunk)
                frame.append(Data("\r\n".utf8))
                guard send(fd, frame) else { return }
            }
            switch ending {
            case .complete: _ = send(fd, Data("0\r\n\r\n".utf8))
            case .cut: return
            case .stall: _ = waitForHangUp(fd, seconds: .infinity)
            }
        }
    }

    private func head(_ status: Int, _ headers: [String: String]) -> Data {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    /// Sleeps up to `seconds` (forever with `.infinity`), returning early with true if the client closes the
    /// connection or the server stops.
    private func waitForHangUp(_ fd: Int32, seconds: TimeInterval) -> Bool {
        let end = seconds.isFinite ? Date().addingTimeInterval(seconds) : .distantFuture
        while Date() < end {
            if lock.withLock({ stopped }) { return true }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let slice = Int32(min(50, max(1, end.timeIntervalSinceNow * 1000)))
            if poll(&poller, 1, slice) > 0 {
                var byte: UInt8 = 0
                if recv(fd, &byte, 1, Int32(MSG_PEEK)) <= 0 {
                    lock.withLock { hangUps += 1 }
                    return true
                }
            }
        }
        return false
    }

    private func send(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                #if canImport(Glibc)
                let flags = Int32(MSG_NOSIGNAL)
                #else
                let flags: Int32 = 0
                #endif
                let sent = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, flags)
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    private func readRequest(_ fd: Int32) -> LoopbackRequest? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let separator = Data("\r\n\r\n".utf8)
        var headerEnd: Range<Data.Index>?
        while headerEnd == nil {
            guard waitReadable(fd) else { return nil }
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<count])
            headerEnd = buffer.range(of: separator)
            if buffer.count > 1 << 20 { return nil }
        }
        guard let headerEnd else { return nil }
        let headText = String(decoding: buffer[..<headerEnd.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(buffer[headerEnd.upperBound...])
        let length = headers.first { $0.key.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        // Clients sending a larger body (libcurl above 1 KiB) wait for this before sending it.
        if body.count < length,
           headers.contains(where: { $0.key.lowercased() == "expect" && $0.value.lowercased() == "100-continue" }) {
            _ = send(fd, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        while body.count < length {
            guard waitReadable(fd) else { return nil }
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { break }
            body.append(contentsOf: chunk[0..<count])
        }
        let target = String(requestLine[1])
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return LoopbackRequest(method: String(requestLine[0]), path: String(parts[0]),
                               query: parts.count > 1 ? String(parts[1]) : "", headers: headers, body: body)
    }

    /// Waits for the client's next bytes; generous, since a client on a loaded machine may wait for a core
    /// between connecting and writing its request.
    private func waitReadable(_ fd: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 120_000) > 0
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
