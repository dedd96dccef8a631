import Foundation
import StrategyCore

/// A Reddit post that mentions a ticker, with its VADER sentiment.
package struct RedditPost: Codable, Hashable, Sendable {
    package var id: String
    package var subreddit: String
    package var title: String
    package var text: String
    package var created: Date
    package var score: Int
    /// The compound score of title and text, in [−1, 1].
    package var sentiment: Double

    /// The UTC day the post appeared; an observation is visible from that day's close on.
    package var day: Day { Day(date: created) }
}
