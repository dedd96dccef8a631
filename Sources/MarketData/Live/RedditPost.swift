import Foundation
import StrategyCore

/// A Reddit post that mentions a ticker, with its VADER sentiment.
public struct RedditPost: Codable, Hashable, Sendable {
    public var id: String
    public var subreddit: String
    public var title: String
    public var text: String
    public var created: Date
    public var score: Int
    /// The compound score of title and text, in [−1, 1].
    public var sentiment: Double

    /// The UTC day the post appeared; an observation is visible from that day's close on.
    public var day: Day { Day(date: created) }
}
