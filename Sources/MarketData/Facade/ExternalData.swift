import Foundation
import StrategyCore

/// Alternative-data columns for a strategy's fields, with what a person must be told about them.
package struct ExternalData: Sendable {
    /// `[ticker: [fieldName: column]]`, each column aligned with that ticker's series days; NaN is "no value".
    package var columns: ExternalColumns
    /// Plain statements such as "insider data: none for these dates (2015-01-02 … 2015-12-31)" or
    /// "reddit data: no data before 2026-03-01".
    package var warnings: [String]
    /// One line per field built on generated data: "insider_buy_count_30d: synthetic sample (generated, not real filings)".
    package var syntheticLabels: [String]

    /// True when any column comes from generated data.
    package var isSynthetic: Bool { !syntheticLabels.isEmpty }

    package init(columns: ExternalColumns = [:], warnings: [String] = [], syntheticLabels: [String] = []) {
        self.columns = columns
        self.warnings = warnings
        self.syntheticLabels = syntheticLabels
    }
}
