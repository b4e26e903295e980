"""Which topics (tracker/parsing/topics.py) a staff comment is about: rules on its headings and
wording, then the comment's embedding when no rule speaks.

    topics_of(["Form 10-K", "Non-GAAP Financial Measures, page 42"], "Please quantify ...")
    -> ["non_gaap"]

A sign in the comment's own innermost heading counts most (the staff's headings name the part
of the filing the comment is about); a rule or standard the comment cites (ASC 606, Item 10(e))
counts as much; a word in its text counts less. Topics scoring `ASSIGNED` or more are given;
when none does, the best one scoring at least `WEAK`; when nothing matches at all, the topic
whose description lies nearest the comment's embedding (when one is given). The signs were
written from the taxonomy's `recognised_by` and tuned on the "tuning" comments of
scripts/eval/topic_labels.json only; `make topics-eval CORPUS=...` reports precision and
recall on the held-out ones. Pure Python; no Django.
"""

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from .topics import TOPICS

HEADING = 3  # a sign in the comment's innermost heading
PARENT = 2  # in the heading above it (the section the innermost heading is part of)
CITED = 3  # a rule or standard the comment cites
WORDING = 1  # a sign in the comment's text
ASSIGNED = 3
WEAK = 2
# Headings further out name the filing and its big parts ("Form S-4", "Notes to ..."): they say
# what kind of review it is, which the inner headings refine.
OUTER = 1


@dataclass(frozen=True)
class Signs:
    headings: str = ""  # a regular expression over a heading
    cited: str = ""  # over the text: a rule or standard cited
    wording: str = ""  # over the text: each distinct match counts once
    # over every heading, counted as the innermost: a section whose subject is each comment's
    # under it whatever their own headings say (Critical Accounting Estimates > Goodwill)
    section: str = ""


_SIGNS: dict[str, Signs] = {
    "revenue": Signs(
        headings=r"revenue recognition|revenue from contracts|note \d+\W+revenues?\b",
        cited=r"\bASC (?:Topic )?60[56]|\b606-10|\b340-40",
        wording=r"performance obligations?|principal (?:or|versus|vs\.?) (?:an )?agent|gross basis"
        r"|variable consideration|disaggregat\w+ (?:of )?revenue|deferred revenue"
        r"|transfer of control"
        r"|recogni[sz]e[sd]? revenue|revenue recognition",
    ),
    "non_gaap": Signs(
        headings=r"non-gaap|regulation g\b",
        cited=r"Item 10\(e\)|Regulation G|Rule 100\(b\)|non-GAAP",
        wording=r"adjusted ebitda|free cash flow|\bA?FFO\b|core operating income"
        r"|equal or greater prominence",
    ),
    "segments": Signs(
        headings=r"segment",
        cited=r"\bASC 280|\b280-10",
        wording=r"reportable segments?|operating segments?|segment (?:profit|operating|earnings"
        r"|revenue)"
        r"|intersegment",
    ),
    "mdna_results": Signs(
        headings=r"(?<!condition and )results of operations|management.s discussion and analysis"
        r"|(?:business|consumer) revenue|compared (?:with|to)|key (?:performance )?(?:metrics"
        r"|indicators)"
        r"|fiscal year \d{4} (?:to|compared)|quarterly trends|business model",
        cited=r"Item 303\(b\)\(2\)|Item 303\(a\)\(3\)",
        wording=r"known trends?(?: or uncertaint\w+)?|quantify (?:the )?(?:changes|impact|each)"
        r"|price (?:versus|vs\.?|and) volume|supply chain|inflation\w*|changes in revenues?"
        r"|period-over-period",
    ),
    "liquidity": Signs(
        headings=r"liquidity|capital resources|contractual obligations|off-balance sheet"
        r"|cash flows? from|deposits",
        cited=r"Item 303\(b\)\(1\)|Item 303\(a\)\(1\)",
        wording=r"liquidity|repatriat\w+|capital resources|covenant\w*|letters? of credit"
        r"|contractual obligations|revolving (?:credit|line)",
    ),
    "critical_estimates": Signs(
        section=r"critical accounting",
        cited=r"Item 303\(b\)\(3\)",
        wording=r"critical accounting|sensitivity|reasonably likely changes"
        r"|assumptions and estimates"
        r"|material assumptions",
    ),
    "impairment": Signs(
        headings=r"impairment|goodwill|intangible|long-lived",
        cited=r"\bASC (?:Topic )?3(?:50|60)|\b350-20|\b360-10",
        wording=r"impairment|goodwill|reporting units?|useful li(?:fe|ves)|idl(?:ed|ing)"
        r"|write-downs?",
    ),
    "income_taxes": Signs(
        headings=r"income tax|tax matters|\btaxes\b|effective tax",
        cited=r"\bASC (?:Topic )?740|\b740-10",
        wording=r"valuation allowance|effective tax rate|unrecogni[sz]ed tax"
        r"|deferred (?:income )?tax"
        r"|tax (?:savings|benefits?|attributes|penalt\w+)|\bIRS\b|income taxes",
    ),
    "business_combinations": Signs(
        headings=r"acquisitions?|business combinations?|pro forma|purchase (?:price|accounting)"
        r"|earn-?out|contingent consideration",
        cited=r"Rule 3-05|Article 11|\bASC (?:Topic )?805|\b805-\d\d",
        wording=r"pro forma|purchase price|significance (?:test|computation)\w*|earn-?out"
        r"|contingent consideration|asset acquisition|business combination|holdback",
    ),
    "insurance": Signs(
        headings=r"insurance|loss (?:development|reserves?)|unpaid (?:losses|claims)"
        r"|claims? expense"
        r"|policy (?:liabilities|acquisition)",
        cited=r"\bASC (?:Topic )?944|\b944-\d\d|ASU 2015-09",
        wording=r"claims? development|prior (?:year|period) development|loss development"
        r"|reinsurance"
        r"|policyholder|\bULAE\b|loss adjustment expense|captive|long-duration|short-duration"
        r"|catastrophe",
    ),
    "financial_instruments": Signs(
        headings=r"fair value|investments?|credit (?:agreement|loss)|allowance for|debt\b|guarantor"
        r"|convertible notes",
        cited=r"\bASC (?:Topic )?(?:820|320|326|470)|\b820-10|\b326-20|Rule 13-01",
        wording=r"fair value (?:measurement|hierarchy)|level 3|allowance for credit loss"
        r"|available-for-sale"
        r"|held-to-maturity|guarantee[sd]? (?:of )?debt|guarantor|mandatory prepayments?"
        r"|unobservable inputs",
    ),
    "stock_compensation": Signs(
        headings=r"stock-based|share-based|stock compensation|equity awards?"
        r"|common stock valuation",
        cited=r"\bASC (?:Topic )?718|\b718-\d\d",
        wording=r"stock options?|share-based|stock-based|equity awards?"
        r"|fair value of (?:your )?common stock"
        r"|common stock valuation|valuation of (?:your )?common stock|convertible preferred"
        r"|expected (?:initial public offering|IPO) price",
    ),
    "commitments_contingencies": Signs(
        headings=r"commitments|contingenc|legal proceedings|litigation|consent order",
        cited=r"\bASC (?:Topic )?(?:450|440)|\b450-20",
        wording=r"loss contingenc\w+|consent orders?|litigation|legal proceedings|commitments"
        r"|reasonably possible loss",
    ),
    "presentation": Signs(
        headings=r"basis of presentation|revision of previously|restatement|cash flows?\b(?!.*from)"
        r"|discontinued|leases?\b|subsequent events?|balance sheets?|statements? of operations"
        r"|change in (?:accounting|presentation)|concentrations?|fiduciary",
        cited=r"\bASC (?:Topic )?(?:250|842|230|205)|\b250-10|\b842-20|\b230-10|SAB (?:Topic )?1M",
        wording=r"restatement|correct\w* (?:of )?(?:the |an |this )?errors?|errors? correction"
        r"|change in accounting principle|discontinued operations|statements? of cash flows"
        r"|finance leases?|subsequent event|caption|net parent investment",
    ),
    "controls": Signs(
        headings=r"controls and procedures|internal control",
        cited=r"Item 30[78]\b",
        wording=r"internal control over financial reporting|disclosure controls|material weakness"
        r"|internal controls",
    ),
    "risk_factors": Signs(
        headings=r"risk factors?|could materially adversely",
        cited=r"Item 105\b",
        wording=r"risk factors?|exclusive forum|macroeconomic",
    ),
    "sanctioned_countries": Signs(
        cited=r"\bOFAC\b|state sponsors? of terrorism",
        wording=r"\bSyria\b|\bSudan\b|\bIran\b|North Korea|\bCuba\b|sanctions?|export controls?"
        r"|contacts with",
    ),
    "country_risk": Signs(
        headings=r"country risk|russia|ukraine|china",
        wording=r"\bRussia\w*|\bUkrain\w+|China-based|\bChina\b|\bPRC\b|\bHong Kong\b",
    ),
    "cybersecurity": Signs(
        headings=r"cyber",
        cited=r"Item 106\b",
        wording=r"cyber\w*|data breach|information security",
    ),
    "climate": Signs(
        headings=r"climate",
        wording=r"climate|greenhouse|carbon|emissions",
    ),
    "executive_compensation": Signs(
        headings=r"executive compensation|compensation (?:discussion|committee)"
        r"|summary compensation"
        r"|competitive market review|employment agreements?",
        cited=r"Item 402\b",
        wording=r"named executive officers?|summary compensation table|incentive (?:award|plan"
        r"|bonus)"
        r"|peer group|compensation committee|employment agreement|base salary",
    ),
    "governance": Signs(
        headings=r"governance|board|directors|related (?:party|transactions)|certain relationships",
        cited=r"Item 40[47]\b",
        wording=r"leadership structure|lead director|risk oversight|related[- ]party"
        r"|board of directors"
        r"|director independence|board.s (?:role|oversight)",
    ),
    "exhibits": Signs(
        headings=r"exhibit (?:index|list)|^exhibits?$|exhibit 5\b|exhibit 21\b|exhibit 10\b",
        cited=r"Item 601",
        wording=r"file (?:all )?(?:the )?exhibits?|re-?file|legal(?:ity)? opinion|exhibit 21\b"
        r"|subsidiar(?:y|ies) list|required to be filed",
    ),
    "business_description": Signs(
        headings=r"^business\b|prospectus summary|our company|our strategy|products|the .* solution"
        r"|overview of",
        cited=r"Item 101\b",
        wording=r"basis for (?:your |the )?(?:estimate|statement|claim|belief)"
        r"|balanced? (?:picture|disclosure)"
        r"|supplementally provide us with (?:this|the) stud|graphics|leading provider"
        r"|market position",
    ),
    "offering": Signs(
        headings=r"use of proceeds|dilution|capitali[sz]ation|underwriting|description of|plan of"
        r"|experts|selected financial data",
        cited=r"Rule (?:163B|405|430A)|FINRA",
        wording=r"price range|net proceeds|dilution|underwrit\w+|testing-the-waters"
        r"|written communications"
        r"|the offering|initial public offering|legal costs",
    ),
    "mergers": Signs(
        headings=r"background of|reasons for|opinion of|financial advisor|the transactions?"
        r"|the merger"
        r"|projected financial|synergies|scheme consideration|structure of|contribution analysis"
        r"|forward-looking information|form s-4|strategic rationale|comparable companies",
        wording=r"fairness opinion|merger|synergies|financial advis[eo]r|deal valuation"
        r"|board of directors"
        r"|transaction agreement|per share consideration|strategic alternatives",
    ),
    "proxy_solicitation": Signs(
        headings=r"\b(?:DEFA|DFAN|PREC|PRE|DEF) ?14A|solicitation|proxy (?:card|procedures)"
        r"|voting and proxy|annual meeting|bylaw proposal|nominees",
        cited=r"Rule 14a-9|Exchange Act Rule 14a|Note \(b\) to Rule 14a-9",
        wording=r"proxy card|broker non-votes?|participants?|solicitation|proxy statement"
        r"|factual foundation|characteri[sz]ed as such",
    ),
}

_PROCEDURAL = re.compile(
    r"further comments?|complete response|fill in the blanks|anticipate completing", re.I
)
_FLAGS = re.I | re.M


@cache
def _compiled() -> dict[str, tuple[re.Pattern | None, ...]]:
    def one(pattern: str) -> re.Pattern | None:
        return re.compile(pattern, _FLAGS) if pattern else None

    return {
        slug: (one(signs.headings), one(signs.cited), one(signs.wording), one(signs.section))
        for slug, signs in _SIGNS.items()
    }


def scores(headings: list[str], text: str) -> dict[str, int]:
    """Each topic's score for a comment (topics scoring nothing left out)."""
    inner = headings[-1] if headings else ""
    parent = headings[-2] if len(headings) > 1 else ""
    outer = " / ".join(headings[:-2])
    result: dict[str, int] = {}
    whole = " / ".join(headings)
    for slug, (heading, cited, wording, section) in _compiled().items():
        score = HEADING * bool(section.search(whole)) if section is not None else 0
        if heading is not None:
            score += (
                HEADING * bool(heading.search(inner))
                + PARENT * bool(heading.search(parent))
                + OUTER * bool(heading.search(outer))
            )
        if cited is not None and cited.search(text):
            score += CITED
        if wording is not None:
            score += WORDING * len({match.lower() for match in wording.findall(text)})
        if score:
            result[slug] = score
    return result


def topics_of(headings: list[str], text: str, vector: np.ndarray | None = None) -> list[str]:
    """The comment's topic slugs, most strongly signed first (see the module's docstring)."""
    found = scores(headings, text)
    strong = [slug for slug, score in found.items() if score >= ASSIGNED]
    if strong:
        return sorted(strong, key=lambda slug: -found[slug])
    if found and max(found.values()) >= WEAK:
        return [max(found, key=found.get)]
    if _PROCEDURAL.search(text):
        return ["procedural"]
    if vector is not None:
        return [_nearest_topic(vector)]
    return [max(found, key=found.get)] if found else []


def _nearest_topic(vector: np.ndarray) -> str:
    vectors, slugs = _topic_vectors()
    size = min(len(vector), vectors.shape[1])
    return slugs[int(np.argmax(vectors[:, :size] @ vector[:size]))]


@cache
def _topic_vectors() -> tuple[np.ndarray, list[str]]:
    from .embedding import embed

    chosen = [topic for topic in TOPICS if topic.slug != "procedural"]
    vectors = embed([f"{topic.name}. {topic.recognised_by}" for topic in chosen])
    return vectors, [topic.slug for topic in chosen]
