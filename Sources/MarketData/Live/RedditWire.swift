import Foundation

/// Reddit's OAuth and listing wire shapes.
///
/// From Reddit's API documentation (https://www.reddit.com/dev/api/ — `GET [/r/subreddit]/search`, the
/// Listing/`t3` "thing" model) and its OAuth2 wiki (https://github.com/reddit-archive/reddit/wiki/OAuth2,
/// "Application Only OAuth": `POST https://www.reddit.com/api/v1/access_token` with
/// `grant_type=client_credentials` and HTTP basic auth, answering `access_token`, `token_type`,
/// `expires_in`, `scope`). Rate-limit headers `X-Ratelimit-Used`, `-Remaining` and `-Reset` (seconds)
/// are described in Reddit's Data API wiki.
enum RedditWire {
    struct Token: Decodable {
        var access_token: String
        var token_type: String?
        var expires_in: Double?
    }

    struct Listing: Decodable {
        var kind: String?
        var data: ListingData
    }

    struct ListingData: Decodable {
        var after: String?
        var children: [Child]
    }

    struct Child: Decodable {
        var kind: String?
        var data: Post
    }

    struct Post: Decodable {
        var id: String
        var subreddit: String?
        var title: String?
        var selftext: String?
        var created_utc: Double
        var score: Double?
        var num_comments: Double?
    }
}
