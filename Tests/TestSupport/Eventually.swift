/// Polls until `condition` holds, for a state another thread or process reaches (a request arriving,
/// a hang-up noticed, a tool starting). It returns as soon as the state is reached, so the limit can be
/// generous enough for a loaded machine; false only if the state never came within `seconds`.
package func eventually(within seconds: Double = 120, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
