import GRDB

extension PensionDatabase {
    /// The centre's report: per province (and commune when asked) and in total.
    ///
    /// Without `period`, each beneficiary counts once by its latest outcome. With `period`
    /// ("YYYY-MM"), by its outcome for that period's review (the latest if a producer sent several
    /// tasks), and as `unverified` when it has none. Holds and the payment split are by current
    /// state. Read in one snapshot, so the lines always add up to the totals.
    ///
    /// Cost: one pass over the covering index `beneficiaries_progress` in its own order (no sort,
    /// no table access), plus two GROUP BYs over the sent notices and the registrations. Only for a
    /// period older than someone's latest outcome is that person's outcome looked up in
    /// `verifications` (the latest outcome is the period's own otherwise: recording never moves
    /// `last_verified_period` backwards).
    public func progressReport(period: String? = nil, byCommune: Bool = false) throws -> ProgressReport {
        let read: ReportRead = try pool.read { db in
            var lines: [ReportKey: ReportCounts] = [:]
            func key(_ province: String, _ commune: String?) -> ReportKey {
                ReportKey(province: province, commune: byCommune ? commune : nil)
            }
            let states = try Row.fetchCursor(db, sql: Self.progressStatesSQL)
            while let row = try states.next() {
                let latestPeriod: String? = row[2]
                var outcome: String? = row[3]
                if let period, let latestPeriod {
                    if latestPeriod > period { continue }        // counted below, from verifications
                    if latestPeriod < period { outcome = nil }   // not reviewed in that period yet
                }
                lines[key(row[0], row[1]), default: ReportCounts()].add(outcome: outcome, status: row[4], paymentMethod: row[5], count: row[6])
            }
            if let period {
                let older = try Row.fetchCursor(db, sql: Self.olderPeriodSQL, arguments: ["period": period])
                while let row = try older.next() {
                    lines[key(row[0], row[1]), default: ReportCounts()].add(outcome: row[2], status: row[3], paymentMethod: row[4], count: row[5])
                }
            }
            // Beneficiaries, not rows: a person with two sent notices or registrations counts once.
            for (sql, keyPath) in [
                ("SELECT national_id FROM notices WHERE state = 'sent'", \ReportCounts.noticesSent),
                ("SELECT national_id FROM registrations WHERE decision = 'registered'", \ReportCounts.registered),
            ] as [(String, WritableKeyPath<ReportCounts, Int>)] {
                let counted = try Row.fetchCursor(db, sql: """
                    SELECT b.province_code, b.commune_code, count(*)
                    FROM beneficiaries b JOIN (\(sql) GROUP BY national_id) x ON x.national_id = b.national_id
                    GROUP BY 1, 2
                    """)
                while let row = try counted.next() {
                    lines[key(row[0], row[1]), default: ReportCounts()][keyPath: keyPath] += row[2]
                }
            }
            var channels: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT channel, count(*) FROM notices WHERE state = 'sent' GROUP BY channel") {
                channels[row[0]] = row[1]
            }
            var decisions: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT decision || coalesce(':' || reason, ''), count(*) FROM registrations GROUP BY 1") {
                decisions[row[0]] = row[1]
            }
            return ReportRead(lines: lines, channels: channels, decisions: decisions)
        }
        var provinces: [ProvinceCounts] = []
        for (key, counts) in read.lines.sorted(by: { $0.key < $1.key }) {
            if provinces.last?.provinceCode != key.province {
                provinces.append(ProvinceCounts(provinceCode: key.province, counts: ReportCounts(), communes: byCommune ? [] : nil))
            }
            provinces[provinces.count - 1].counts = provinces[provinces.count - 1].counts + counts
            if byCommune { provinces[provinces.count - 1].communes?.append(CommuneCounts(communeCode: key.commune, counts: counts)) }
        }
        return ProgressReport(totals: provinces.reduce(ReportCounts()) { $0 + $1.counts }, provinces: provinces,
                              noticesByChannel: read.channels, registrationDecisions: read.decisions)
    }
}

extension PensionDatabase {
    /// Beneficiaries by every state the report distinguishes, grouped in the index's own order (so
    /// SQLite streams the groups instead of sorting 3.4 million rows; a test checks the plan).
    static let progressStatesSQL = """
        SELECT province_code, commune_code, last_verified_period, last_outcome, status, payment_method, count(*)
        FROM beneficiaries INDEXED BY beneficiaries_progress
        GROUP BY province_code, commune_code, last_verified_period, last_outcome, status, payment_method
        """
}

extension PensionDatabase {
    /// Outcomes of an older period, for those reviewed again since. MATERIALIZED and NOT INDEXED
    /// on purpose: inlined, SQLite ran the lookup twice per person (once more for the GROUP BY)
    /// and walked the table in index order, one random page per person — 53 s against 14 s for
    /// 3 million people in a measurement (docs/performance.md).
    static let olderPeriodSQL = """
        WITH older AS MATERIALIZED (
            SELECT b.province_code, b.commune_code,
                   (SELECT v.outcome FROM verifications v INDEXED BY verifications_once
                    WHERE v.national_id = b.national_id AND v.period = :period
                    ORDER BY v.recorded_at DESC, v.rowid DESC LIMIT 1) AS outcome,
                   b.status, b.payment_method
            FROM beneficiaries b NOT INDEXED
            WHERE b.last_verified_period > :period)
        SELECT province_code, commune_code, outcome, status, payment_method, count(*)
        FROM older
        GROUP BY 1, 2, 3, 4, 5
        """
}

/// One line of the report: a province, or a commune of it (`nil`: no commune on record).
private struct ReportKey: Hashable, Comparable {
    var province: String
    var commune: String?

    static func < (a: ReportKey, b: ReportKey) -> Bool {
        a.province != b.province ? a.province < b.province : (a.commune ?? "") < (b.commune ?? "")
    }
}

private struct ReportRead {
    var lines: [ReportKey: ReportCounts]
    var channels: [String: Int]
    var decisions: [String: Int]
}

private extension ReportCounts {
    /// Adds `count` beneficiaries with this outcome (nil: none for the period), status and payment method.
    mutating func add(outcome: String?, status: String, paymentMethod: String, count: Int) {
        beneficiaries += count
        switch outcome {
        case "verified": verified += count
        case "mismatch": mismatch += count
        case "not_found": notFound += count
        case "deceased": deceased += count
        case "invalid": invalid += count
        default: unverified += count
        }
        if status == "hold" { onHold += count }
        if paymentMethod == "bank" { paidByBank += count } else { paidInCash += count }
    }
}

extension ProgressReport {
    /// Several node databases (one per province shard) as one national view: lines of the same
    /// province (and commune) are added up.
    public static func merged(_ reports: [ProgressReport]) -> ProgressReport {
        var byProvince: [String: ProvinceCounts] = [:]
        for report in reports {
            for line in report.provinces {
                guard var existing = byProvince[line.provinceCode] else { byProvince[line.provinceCode] = line; continue }
                existing.counts = existing.counts + line.counts
                if let communes = line.communes {
                    var merged = Dictionary(uniqueKeysWithValues: (existing.communes ?? []).map { ($0.communeCode ?? "", $0) })
                    for commune in communes {
                        let key = commune.communeCode ?? ""
                        if var current = merged[key] { current.counts = current.counts + commune.counts; merged[key] = current } else { merged[key] = commune }
                    }
                    existing.communes = merged.values.sorted { ($0.communeCode ?? "") < ($1.communeCode ?? "") }
                }
                byProvince[line.provinceCode] = existing
            }
        }
        let provinces = byProvince.values.sorted { $0.provinceCode < $1.provinceCode }
        func sum(_ maps: [[String: Int]?]) -> [String: Int]? {
            let present = maps.compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(into: [:]) { total, map in total.merge(map, uniquingKeysWith: +) }
        }
        return ProgressReport(totals: provinces.reduce(ReportCounts()) { $0 + $1.counts }, provinces: provinces,
                              noticesByChannel: sum(reports.map(\.noticesByChannel)), registrationDecisions: sum(reports.map(\.registrationDecisions)))
    }
}
