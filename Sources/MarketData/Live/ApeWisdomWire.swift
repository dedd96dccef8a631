import Foundation

/// ApeWisdom's public API wire shape: `GET https://apewisdom.io/api/v1.0/filter/{filter}/page/{n}`.
///
/// Shape from ApeWisdom's API page (https://apewisdom.io/api/) as used by open-source clients, e.g. the
/// endpoint notes listing `rank, ticker, name, mentions, upvotes, rank_24h_ago, mentions_24h_ago` and the
/// top-level `count, pages, currentPage`. Counts arrive as numbers or as numeric strings, so both are read.
enum ApeWisdomWire {
    struct Page: Decodable {
        var count: FlexibleInt?
        var pages: FlexibleInt?
        var currentPage: FlexibleInt?
        var results: [Entry]
    }

    struct Entry: Decodable {
        var rank: FlexibleInt
        var ticker: String
        var name: String?
        var mentions: FlexibleInt
        var upvotes: FlexibleInt?
        var rank_24h_ago: FlexibleInt?
        var mentions_24h_ago: FlexibleInt?
    }

    /// An integer sent as a JSON number or a numeric string ("325").
    struct FlexibleInt: Decodable {
        var value: Int

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = number
            } else if let number = try? container.decode(Double.self), number.isFinite {
                value = Int(number)
            } else if let text = try? container.decode(String.self), let number = Int(text.trimmingCharacters(in: .whitespaces)) {
                value = number
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a whole number")
            }
        }
    }
}
