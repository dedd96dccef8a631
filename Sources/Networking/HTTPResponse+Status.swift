import Foundation

extension HTTPResponse {
    /// True for 2xx.
    package var isSuccess: Bool { (200..<300).contains(status) }

    /// The response itself when it is a success, else a `NetworkingError.httpStatus` with the endpoint and
    /// body excerpt already redacted; for callers that treat every other status as a failure.
    @discardableResult
    package func requireSuccess(for request: HTTPRequest) throws -> HTTPResponse {
        guard isSuccess else { throw NetworkingError.status(self, for: request) }
        return self
    }
}
