"""Independent reference scores for SentimentAnalyzer, computed with vaderSentiment 3.3.2 from PyPI.

Run once:  python3 -m venv env && env/bin/pip install vaderSentiment==3.3.2
           env/bin/python vader_reference.py > vader_reference.json
It loads the same lexicon file the program ships (Sources/MarketData/Live/Lexicon/vader_lexicon.tsv),
adds the finance slang read from Sources/MarketData/Live/FinanceSlang.swift, and joins the slang's
two-word phrases the way the Swift tokenizer does, then prints VADER's compound score for each sentence.
The sentences avoid the parts the Swift port leaves out (idioms, "kind of", emoji descriptions).
"""
import json
import os
import re
import string

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../.."))
LIVE = os.path.join(ROOT, "Sources/MarketData/Live")

analyzer = SentimentIntensityAnalyzer(lexicon_file=os.path.join(LIVE, "Lexicon/vader_lexicon.tsv"))
slang_source = open(os.path.join(LIVE, "FinanceSlang.swift"), encoding="utf-8").read()
valences_block = slang_source.split("static let valences")[1].split("]\n")[0]
slang = {k: float(v) for k, v in re.findall(r'"([^"]+)": (-?[0-9.]+),', valences_block)}
phrases_block = slang_source.split("static let phrases")[1]
phrases = dict(re.findall(r'"([^"]+)": "([^"]+)",', phrases_block))
analyzer.lexicon.update(slang)

SENTENCES = [
    "good",
    "not good",
    "very good",
    "The stock is GOOD",
    "good!!",
    "This is not bullish at all",
    "AAPL to the moon",
    "Total bagholder here, down 60%",
    "diamond hands, this short squeeze is just starting",
    "paper hands sold the dip",
    "Earnings were great but guidance was terrible",
    "no gains this year",
    "rug pull, I got rekt",
    "Why would anyone buy this??",
    "I am extremely bearish on TSLA",
    "Calls printing, tendies incoming",
    "Never so happy with a stock",
    "stonks only go up",
    "Holding my puts, this will tank hard",
    "The quarter was fine, nothing special",
]


def join_phrases(text):
    """Joins slang phrases on punctuation-stripped words, keeping the second word's trailing punctuation."""
    words = text.split()
    bare = [w.strip(string.punctuation).lower() for w in words]
    out, i = [], 0
    while i < len(words):
        pair = (bare[i] + " " + bare[i + 1]) if i + 1 < len(words) else None
        if pair in phrases:
            tail = words[i + 1][len(words[i + 1].rstrip(string.punctuation)):]
            out.append(phrases[pair] + tail)
            i += 2
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


print(json.dumps([{"text": s, "compound": analyzer.polarity_scores(join_phrases(s))["compound"]} for s in SENTENCES],
                 indent=2, ensure_ascii=False))
