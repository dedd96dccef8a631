import Foundation

/// The words the parser knows: phrases and synonyms mapped to one canonical keyword each, words that carry
/// no meaning, and number words. Keeping them in tables lets the grammar speak in a small fixed vocabulary
/// ("gt", "sma", "insider") however a trader phrases it.
enum Lexicon {
    /// Multi-word phrases, matched longest first, mapped to one keyword.
    static let phrases: [([String], String)] = {
        let table: [(String, String)] = [
            ("simple moving average", "sma"), ("exponential moving average", "ema"), ("exp moving average", "ema"),
            ("moving average", "ma"), ("moving averages", "ma"), ("moving avg", "ma"), ("mov avg", "ma"),
            ("exponential average", "ema"),
            ("relative strength index", "rsi"), ("relative strength", "rsi"),
            ("bollinger band", "bollinger"), ("bollinger bands", "bollinger"),
            ("signal line", "signal"), ("zero line", "zero"),
            ("stop loss", "stop"), ("stop losses", "stop"), ("stoploss", "stop"), ("stop out", "stop"),
            ("cut losses", "stop"), ("cut loss", "stop"), ("cut my losses", "stop"), ("cut the loss", "stop"),
            ("trailing stop", "trailing"),
            ("take profit", "target"), ("take profits", "target"), ("profit target", "target"),
            ("profit taking", "target"), ("price target", "target"),
            ("time stop", "hold"), ("max hold", "hold"), ("maximum hold", "hold"), ("holding period", "hold"),
            ("position size", "size"), ("position sizing", "size"), ("per trade", "pertrade"), ("per position", "pertrade"),
            ("each trade", "pertrade"), ("each position", "pertrade"), ("a trade", "pertrade"), ("per stock", "pertrade"),
            ("wall street bets", "reddit"), ("wall st bets", "reddit"), ("r/wallstreetbets", "reddit"),
            ("c suite", "csuite"), ("c level", "csuite"), ("top executives", "csuite"),
            ("price to earnings", "pe"), ("price earnings", "pe"), ("pe ratio", "pe"), ("p/e ratio", "pe"),
            ("earnings multiple", "pe"), ("price to book", "pb"), ("pb ratio", "pb"), ("p/b ratio", "pb"),
            ("dividend yield", "yield"), ("div yield", "yield"), ("market cap", "mcap"), ("market capitalization", "mcap"),
            ("market capitalisation", "mcap"), ("mkt cap", "mcap"),
            ("small cap", "smallcap"), ("small caps", "smallcap"), ("large cap", "largecap"), ("large caps", "largecap"),
            ("big caps", "largecap"), ("mid cap", "midcap"), ("mid caps", "midcap"), ("mega cap", "megacap"), ("mega caps", "megacap"),
            ("analyst rating", "rating"), ("consensus rating", "rating"), ("buy or better", "ratingbuy"),
            ("rated buy", "ratingbuy"), ("buy rating", "ratingbuy"), ("strong buy", "ratingstrongbuy"), ("rated strong buy", "ratingstrongbuy"),
            ("golden cross", "goldencross"), ("golden crosses", "goldencross"), ("death cross", "deathcross"),
            ("death crosses", "deathcross"),
            ("greater than", "gt"), ("more than", "gt"), ("higher than", "gt"), ("bigger than", "gt"), ("larger than", "gt"),
            ("in excess of", "gt"), ("north of", "gt"),
            ("less than", "lt"), ("lower than", "lt"), ("fewer than", "lt"), ("smaller than", "lt"), ("south of", "lt"),
            ("at least", "gte"), ("or more", "gte+"), ("or higher", "gte+"), ("or greater", "gte+"), ("or above", "gte+"),
            ("or over", "gte+"), ("no less than", "gte"), ("not less than", "gte"), ("a minimum of", "gte"),
            ("at most", "lte"), ("or less", "lte+"), ("or lower", "lte+"), ("or below", "lte+"), ("or under", "lte+"),
            ("or fewer", "lte+"), ("no more than", "lte"), ("not more than", "lte"), ("a maximum of", "lte"),
            ("equal to", "eq"), ("equals", "eq"),
            ("cross above", "xabove"), ("crosses above", "xabove"), ("crossed above", "xabove"), ("crossing above", "xabove"),
            ("cross over", "xabove"), ("crosses over", "xabove"), ("crossed over", "xabove"), ("crossing over", "xabove"),
            ("cross up", "xabove"), ("crosses up", "xabove"), ("break above", "xabove"), ("breaks above", "xabove"),
            ("broke above", "xabove"), ("breaking above", "xabove"), ("breaks out above", "xabove"),
            ("breaks out over", "xabove"), ("break out above", "xabove"), ("breakout above", "xabove"),
            ("crosses back above", "xabove"), ("cross back above", "xabove"), ("crosses back over", "xabove"),
            ("moves back above", "xabove"), ("reclaims", "xabove"), ("reclaim", "xabove"),
            ("cross below", "xbelow"), ("crosses below", "xbelow"), ("crossed below", "xbelow"), ("crossing below", "xbelow"),
            ("cross under", "xbelow"), ("crosses under", "xbelow"), ("crossed under", "xbelow"), ("crosses down", "xbelow"),
            ("break below", "xbelow"), ("breaks below", "xbelow"), ("broke below", "xbelow"), ("breaks down below", "xbelow"),
            ("crosses back below", "xbelow"), ("cross back below", "xbelow"), ("crosses back under", "xbelow"),
            ("loses", "xbelow"),
            ("new high", "newhigh"), ("new highs", "newhigh"), ("new low", "newlow"), ("new lows", "newlow"),
            ("all time high", "ath"), ("all time highs", "ath"),
            ("get in", "buy"), ("go long", "buy"), ("get out", "sell"), ("close out", "sell"), ("close the position", "sell"),
            ("close position", "sell"), ("short sell", "short"), ("sell short", "short"), ("go short", "short"),
            ("swing trade", "swing"), ("swing trading", "swing"), ("swing trades", "swing"),
            ("short term", "shortterm"), ("shortterm", "shortterm"), ("near term", "shortterm"),
            ("medium term", "mediumterm"), ("mid term", "mediumterm"), ("intermediate term", "mediumterm"),
            ("long term", "longterm"), ("longterm", "longterm"), ("position trade", "longterm"),
            ("position trading", "longterm"), ("position trades", "longterm"),
            ("on the day", "1day"), ("in a day", "1day"), ("in one day", "1day"), ("in 1 day", "1day"), ("today", "1day"),
            ("in a single day", "1day"), ("in a session", "1day"), ("intraday", "1day"),
            ("a week", "1week"), ("one week", "1week"), ("the week", "1week"), ("a month", "1month"), ("one month", "1month"),
            ("the month", "1month"), ("a year", "1year"), ("one year", "1year"), ("the year", "1year"),
            ("up to", "upto"), ("time limit", "hold"), ("holding limit", "hold"),
            ("entry price", "entryprice"), ("entry point", "entryprice"),
            ("buy price", "entryprice"), ("my buy price", "entryprice"), ("purchase price", "entryprice"), ("my cost", "entryprice"),
            ("cost basis", "entryprice"), ("my buy", "entryprice"), ("close to", "near"), ("next to", "near"), ("as long as", "and"), ("as well as", "and"), ("along with", "and"),
            ("turns positive", "turnspositive"), ("turn positive", "turnspositive"), ("flips positive", "turnspositive"),
            ("goes positive", "turnspositive"), ("turns negative", "turnsnegative"), ("turn negative", "turnsnegative"),
            ("flips negative", "turnsnegative"), ("goes negative", "turnsnegative"),
            ("drops out of", "dropsout"), ("falls out of", "dropsout"), ("drop out of", "dropsout"), ("out of", "dropsout"),
            ("opposite cross", "oppositecross"), ("opposite crossover", "oppositecross"), ("reverse cross", "oppositecross"),
            ("rate of change", "return"), ("price change", "return"), ("percent change", "return"), ("pct change", "return"),
            ("standard deviations", "stdev"), ("standard deviation", "stdev"), ("std dev", "stdev"),
        ]
        return table.map { ($0.0.split(separator: " ").map(String.init), $0.1) }.sorted { $0.0.count > $1.0.count }
    }()

    /// The phrases grouped by their first word, longest first, so matching looks only at candidates.
    static let phrasesByFirstWord: [String: [([String], String)]] = Dictionary(grouping: phrases, by: { $0.0[0] })

    /// Single words mapped to keywords.
    static let synonyms: [String: String] = {
        var map: [String: String] = [:]
        func add(_ keyword: String, _ words: String) {
            for word in words.split(separator: " ") { map[String(word)] = keyword }
        }
        add("rsi", "rsi")
        add("sma", "sma")
        add("ema", "ema ewma exponential")
        add("ma", "ma mas dma dmas moving")
        add("avg", "average averages avg")
        add("macd", "macd")
        add("signal", "signal")
        add("hist", "histogram hist histo")
        add("bollinger", "bollinger bollingers bb bbands")
        add("band", "band bands")
        add("upper", "upper")
        add("lower", "lower bottom")
        add("middle", "middle mid midline basis")
        add("volume", "volume vol volumes")
        add("price", "price px prices stock stocks close closes closing closed share ticker name names equity equities")
        add("it", "it they them this that's")
        add("high", "high highs peak")
        add("low", "low lows")
        add("new", "new fresh")
        add("insider", "insider insiders director directors officer officers")
        add("csuite", "ceo ceos cfo cfos coo president chairman chair chairwoman executive executives exec execs csuite")
        add("buy", "buy buys buying bought purchase purchases purchasing purchased acquire acquires acquiring long enter enters")
        add("sell", "sell sells selling sold sale sales dump dumps dumping dumped unload unloading exit exits exiting")
        add("short", "short shorts shorting shorted")
        add("reddit", "reddit wsb wallstreetbets social")
        add("mentions", "mention mentions buzz chatter")
        add("sentiment", "sentiment mood")
        add("rank", "rank ranking ranked")
        add("trending", "trending trends")
        add("top", "top")
        add("spiking", "spiking spike spikes spiked surging surge surges exploding explodes soaring soars skyrocketing")
        add("positive", "positive bullish")
        add("negative", "negative bearish")
        add("pe", "pe p/e")
        add("pb", "pb p/b")
        add("yield", "yield yields yielding dividend dividends")
        add("mcap", "cap capitalization")
        add("analyst", "analyst analysts")
        add("upgrade", "upgrade upgrades upgraded upgrading")
        add("downgrade", "downgrade downgrades downgraded downgrading")
        add("rating", "rating ratings rated")
        add("atr", "atr")
        add("return", "return roc")
        add("gt", "above over exceeds exceed exceeding exceeded tops topping beyond past >")
        add("lt", "below under beneath underneath")
        add("between", "between")
        add("near", "near nearby approaching")
        add("barsize", "weekly monthly hourly minute minutes hour hours 5min 15min 1h 4h")
        add("cross", "cross crosses crossed crossing crossover crossovers")
        add("break", "break breaks breaking breakout breakouts broke")
        add("turns", "turns turn flips flip")
        add("hits", "hits hit reaches reach reached touches touch touched tags tag")
        add("up", "up rises rise rising rose gains gain gained gaining jumps jump jumped rallies rally rallied climbs climb climbing climbed rallying")
        add("down", "down drops drop dropped dropping falls fall falling fell fallen declines decline declined declining dips dip dipped sinks sank plunges plunged tanks tanked pullback pullbacks selloff")
        add("oversold", "oversold")
        add("overbought", "overbought")
        add("no", "no not without zero none never nothing")
        add("times", "times x fold")
        add("day", "day days d session sessions bar bars period periods")
        add("week", "week weeks wk wks w")
        add("month", "month months mo mos")
        add("year", "year years yr yrs")
        add("quarter", "quarter quarters qtr")
        add("stop", "stop stops sl")
        add("trailing", "trailing trail")
        add("target", "target targets tp profit profits")
        add("hold", "hold holds holding held")
        add("max", "max maximum")
        add("after", "after")
        add("size", "size sized sizing allocation allocate")
        add("positions", "position positions")
        add("portfolio", "portfolio equity account capital")
        add("risk", "risk risking")
        add("pertrade", "each every")
        add("swing", "swing")
        add("entry", "entry entries")
        add("name", "name named called")
        add("timeframe", "timeframe horizon")
        add("when", "when if once whenever while")
        add("then", "then")
        add("and", "and & plus also but")
        add("or", "or either")
        add("with", "with")
        add("in", "in within during inside")
        add("last", "last past previous prior")
        add("of", "of")
        add("at", "at")
        add("to", "to")
        add("for", "for")
        add("from", "from off")
        add("percent", "percent pct percentage")
        add("gain", "gain gains")
        add("times2", "twice double doubled doubles doubling")
        add("times3", "triple tripled triples thrice")
        add("earnings", "earnings eps revenue revenues")
        return map
    }()

    /// Words that carry no meaning for a strategy and are dropped.
    static let fillers: Set<String> = [
        "the", "a", "an", "is", "are", "was", "were", "be", "been", "being", "its", "their", "there", "has", "have",
        "had", "i", "we", "you", "my", "our", "me", "us", "he", "she", "his", "her", "trades", "trade", "trading",
        "sits", "stays", "remains", "moves", "move", "goes", "go", "gets", "get", "comes", "back", "again", "just",
        "only", "still", "currently", "now", "than", "line", "level", "levels", "value", "total", "worth", "some",
        "any", "shares", "want", "would", "like", "please", "create", "strategy", "make", "makes", "making", "made",
        "so", "very", "really", "do", "does", "did", "can", "could", "should", "will", "shall", "which", "who",
        "what", "where", "by", "as", "about", "around", "roughly", "approximately", "~", "signals", "setup", "setups",
        "system", "rule", "rules", "condition", "conditions", "use", "using", "set", "put", "amount", "dollars",
        "dollar", "usd", "s", "ve", "re", "ll", "m", "starts", "start", "begins", "begin", "shows", "show", "showing",
        "see", "sees", "seeing", "let", "lets", "ok", "okay", "day's", "indicator", "reading", "reads", "sitting",
        "stay", "lines", "that", "this", "these", "those", "them", "basically", "mostly", "how", "here", "whole",
        "entire", "point", "points", "numbers", "number", "figure", "look", "looking", "happens", "happen", "occur",
        "occurs", "there's", "seen", "marks", "mark", "print", "prints", "printed", "posts", "posting", "registers",
        "time", "plain", "simple", "loss", "losses", "combined", "cumulative", "recent", "recently", "latest",
        "current", "on", "upon", "pass", "passes", "passed", "elapse", "elapsed", "elapses", "tick", "ticks", "candle", "candles", "strong", "strongly", "heavily",
    ]

    /// Words to number values, for "thirty", "twenty five", "two hundred".
    static let numberWords: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let scaleWords: [String: Double] = [
        "hundred": 100, "thousand": 1e3, "k": 1e3, "grand": 1e3, "million": 1e6, "millions": 1e6, "mil": 1e6,
        "mm": 1e6, "m": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9,
    ]

    /// Keywords a misspelt word may be corrected to (words of five letters or more, so short words never drift).
    static let correctable: [String] = {
        var words = Set(synonyms.keys.filter { $0.count >= 4 && !$0.hasSuffix("_") })
        for (phrase, _) in phrases { for word in phrase where word.count >= 5 { words.insert(word) } }
        words.formUnion(["wallstreetbets", "moving", "average", "bollinger", "oversold", "overbought"])
        return words.sorted()
    }()
}
