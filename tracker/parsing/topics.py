"""The subjects staff comments are about: corresp's topic taxonomy.

Each staff comment carries one or more topics. A topic is named the way counsel and
controllers speak of a review ("a non-GAAP comment", "an MD&A comment"); `recognised_by`
says what in the comment, its headings or the rules it cites marks it, so that a person
labelling a comment and the rules that label it read the same signs. A comment that only
manages the review (asks for a date, says more comments may follow) is `procedural` and
nothing else.

The taxonomy follows the parts of a filing the staff reviews (Regulation S-K and S-X items,
the FASB Codification topics) and the subjects the Division of Corporation Finance names in
its own guidance (sample letters on cybersecurity, climate, China-based issuers, Russia).
Pure Python; no Django.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    recognised_by: str


TOPICS: tuple[Topic, ...] = (
    Topic(
        "revenue",
        "Revenue recognition",
        "ASC 606 / 605 or 340-40 cited; performance obligations, principal or agent (gross or "
        "net), variable consideration, disaggregation of revenue, deferred revenue, contract "
        "costs and commissions; a revenue recognition policy note.",
    ),
    Topic(
        "non_gaap",
        "Non-GAAP measures",
        "Item 10(e) of Regulation S-K, Regulation G or the non-GAAP C&DIs cited; adjusted "
        "EBITDA, adjusted or core earnings, free cash flow, FFO/AFFO; a measure 'that appears "
        "to be non-GAAP'; reconciliations and equal prominence, also in earnings releases.",
    ),
    Topic(
        "segments",
        "Segment reporting",
        "ASC 280 cited; reportable or operating segments, segment profit or loss measures, "
        "their reconciliation, intersegment sales, revenue by product or geography (entity-wide).",
    ),
    Topic(
        "mdna_results",
        "MD&A: results of operations",
        "An MD&A heading on results, revenue or operations; asks to quantify and explain the "
        "factors behind changes (price and volume), known trends and uncertainties (Item 303), "
        "key performance indicators and metrics, supply chain and inflation effects on results.",
    ),
    Topic(
        "liquidity",
        "MD&A: liquidity and capital resources",
        "Liquidity and capital resources, cash held abroad and repatriation, credit facilities "
        "and covenants in MD&A, contractual obligations, off-balance sheet arrangements, cash "
        "flow discussion.",
    ),
    Topic(
        "critical_estimates",
        "Critical accounting estimates",
        "A Critical Accounting Policies / Estimates heading; asks for the assumptions, their "
        "sensitivity and how reasonably likely changes would affect results.",
    ),
    Topic(
        "impairment",
        "Goodwill, intangibles and impairment",
        "ASC 350 / 360; goodwill reporting units and those 'at risk', impairment tests and "
        "charges, idled or abandoned assets, useful lives of intangible assets.",
    ),
    Topic(
        "income_taxes",
        "Income taxes",
        "ASC 740; valuation allowances, the effective tax rate and its reconciliation, "
        "unrecognised tax benefits, tax examinations, repatriation taxes, tax receivable or "
        "tax matters agreements.",
    ),
    Topic(
        "business_combinations",
        "Acquisitions and pro forma information",
        "ASC 805, Rule 3-05 or Article 11 of Regulation S-X; significance tests, purchase price "
        "and its allocation, earn-outs and contingent consideration, asset acquisitions, pro "
        "forma adjustments.",
    ),
    Topic(
        "insurance",
        "Insurance contracts and reserves",
        "ASC 944; loss reserves and claims development tables, prior-year development, "
        "long-duration contracts, deferred acquisition costs, policyholder liabilities, "
        "captives and reinsurance.",
    ),
    Topic(
        "financial_instruments",
        "Fair value, investments, credit losses and debt",
        "ASC 820, 320, 326 or 470; fair value inputs and levels, investment securities, the "
        "allowance for credit losses, debt terms and prepayments, guarantors of registered "
        "debt (Rule 13-01 of Regulation S-X).",
    ),
    Topic(
        "stock_compensation",
        "Share-based compensation and equity",
        "ASC 718; stock options and awards, the fair value of common stock before an IPO "
        "('cheap stock'), preferred stock conversion, warrants.",
    ),
    Topic(
        "commitments_contingencies",
        "Commitments, contingencies and legal or regulatory matters",
        "ASC 450 or 440; loss contingencies, litigation, consent orders and regulators' "
        "demands, purchase and licence commitments.",
    ),
    Topic(
        "presentation",
        "Financial statement presentation and other accounting",
        "ASC 250 error corrections (revision or restatement), changes in accounting principle, "
        "cash flow classification, discontinued operations, basis of presentation, leases "
        "(ASC 842), subsequent events, concentrations, captions and columns of the statements.",
    ),
    Topic(
        "controls",
        "Internal control and disclosure controls",
        "Internal control over financial reporting, disclosure controls and procedures, "
        "material weaknesses, Items 307 and 308, certifications.",
    ),
    Topic(
        "risk_factors",
        "Risk factors",
        "A Risk Factors heading or Item 105; asks for a specific, not generic, risk; exclusive "
        "forum provisions; inflation and other macroeconomic risks as risk factors.",
    ),
    Topic(
        "sanctioned_countries",
        "Contacts with sanctioned countries",
        "Iran, Syria, Sudan, North Korea or Cuba; 'state sponsors of terrorism', OFAC, export "
        "controls; the materiality of the contacts to security holders.",
    ),
    Topic(
        "country_risk",
        "Country and geopolitical exposure",
        "Russia and Ukraine, China-based operations (the Division's sample letters), country "
        "risk headings, exposure to one foreign country.",
    ),
    Topic(
        "cybersecurity",
        "Cybersecurity",
        "Item 106 of Regulation S-K; cybersecurity incidents, risk management, governance and "
        "the board's oversight of cyber risk.",
    ),
    Topic(
        "climate",
        "Climate-related disclosure",
        "The 2010 climate guidance or the sample climate letter; climate risk, legislation, "
        "physical effects, greenhouse gas emissions, carbon credits.",
    ),
    Topic(
        "executive_compensation",
        "Executive compensation",
        "Item 402; CD&A, the Summary Compensation Table, performance targets and peer groups, "
        "bonuses and incentive awards, employment agreements of officers.",
    ),
    Topic(
        "governance",
        "Board, governance and related parties",
        "Board leadership structure and lead director, the board's risk oversight, director "
        "independence, related-party transactions (Item 404), control of the registrant.",
    ),
    Topic(
        "exhibits",
        "Exhibits and filed agreements",
        "Item 601 of Regulation S-K; material contracts to file, exhibit 21 subsidiaries, "
        "legality opinions (exhibit 5), missing schedules or attachments, confidential "
        "treatment of exhibits.",
    ),
    Topic(
        "business_description",
        "Business description and support for claims",
        "Business or Prospectus Summary headings (Item 101); support for market-position and "
        "growth claims ('a leading provider'), industry studies to be provided supplementally, "
        "graphics and summaries that must give a balanced picture.",
    ),
    Topic(
        "offering",
        "Offering and registration matters",
        "Price range and offering size, use of proceeds, dilution, capitalisation, "
        "underwriting and FINRA, test-the-waters communications (Rules 163B, 405), experts, "
        "the description of the securities offered.",
    ),
    Topic(
        "mergers",
        "Merger and transaction disclosure",
        "Form S-4 or a merger proxy; background of the transaction, the board's reasons, "
        "fairness opinions and financial advisers' analyses, projections and synergies, "
        "transaction structure and the value of the consideration.",
    ),
    Topic(
        "proxy_solicitation",
        "Proxy contests and soliciting materials",
        "Schedule 14A soliciting materials (DEFA14A, DFAN14A, PREC14A); Rule 14a-9 support "
        "for statements and opinions, the proxy card, voting and broker non-votes, "
        "participants and their interests.",
    ),
    Topic(
        "procedural",
        "Procedural",
        "Manages the review and names no subject: asks when a response will come, says the "
        "staff may have further comments, asks to fill in blanks before effectiveness.",
    ),
)

TOPIC_SLUGS: frozenset[str] = frozenset(topic.slug for topic in TOPICS)
