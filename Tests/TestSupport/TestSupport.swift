/// Shared helpers for the test targets.
package enum TestSupport {}
