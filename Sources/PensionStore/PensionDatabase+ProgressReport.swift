import GRDB

extension PensionDatabase {
    /// The centre's report: per province (and commune when asked) and in total.
    ///
    /// Without `period`, each beneficiary counts once by its latest outcome. With `period`
    /// ("YYYY-MM"), by its outcome for that period's review (one task per person and period), and
    /// as `unverified` when it has none. Holds and the payment split are by current state.
    public func progressReport(period: String? = nil, byCommune: Bool = false) throws -> ProgressReport {
        let outcome = period == nil ? "b.last_outcome" : "v.outcome"
        // One outcome per beneficiary and period even if a producer used another task id: the latest.
        let join = period == nil ? "" : """
            LEFT JOIN (SELECT national_id, outcome, max(recorded_at) FROM verifications WHERE period = :period GROUP BY national_id) v
                   ON v.national_id = b.national_id
            """
        let sql = """
            SELECT b.province_code, \(byCommune ? "b.commune_code" : "NULL"),
                   count(*),
                   count(*) FILTER (WHERE \(outcome) = 'verified'),
                   count(*) FILTER (WHERE \(outcome) = 'mismatch'),
                   count(*) FILTER (WHERE \(outcome) = 'not_found'),
                   count(*) FILTER (WHERE \(outcome) = 'deceased'),
                   count(*) FILTER (WHERE \(outcome) = 'invalid'),
                   count(*) FILTER (WHERE \(outcome) IS NULL),
                   count(*) FILTER (WHERE b.status = 'hold'),
                   count(*) FILTER (WHERE b.payment_method = 'bank'),
                   count(*) FILTER (WHERE b.payment_method = 'cash'),
                   sum(EXISTS (SELECT 1 FROM registrations r WHERE r.national_id = b.national_id AND r.decision = 'registered')),
                   sum(EXISTS (SELECT 1 FROM notices n WHERE n.national_id = b.national_id AND n.state = 'sent'))
            FROM beneficiaries b \(join)
            GROUP BY 1, 2
            ORDER BY 1, 2
            """
        let read: ReportRead = try pool.read { db in
            let arguments: StatementArguments = period.map { ["period": $0] } ?? StatementArguments()
            var channels: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT channel, count(*) FROM notices WHERE state = 'sent' GROUP BY channel") {
                channels[row[0]] = row[1]
            }
            var decisions: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT decision || coalesce(':' || reason, ''), count(*) FROM registrations GROUP BY 1") {
                decisions[row[0]] = row[1]
            }
            let lines: [ReportLine] = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ReportLine(province: row[0], commune: row[1], counts: ReportCounts(
                    beneficiaries: row[2], verified: row[3], mismatch: row[4], notFound: row[5], deceased: row[6],
                    invalid: row[7], unverified: row[8], onHold: row[9], paidByBank: row[10], paidInCash: row[11],
                    registered: row[12], noticesSent: row[13]))
            }
            return ReportRead(lines: lines, channels: channels, decisions: decisions)
        }
        var provinces: [ProvinceCounts] = []
        for line in read.lines {
            let (province, commune, counts) = (line.province, line.commune, line.counts)
            if provinces.last?.provinceCode != province {
                provinces.append(ProvinceCounts(provinceCode: province, counts: ReportCounts(), communes: byCommune ? [] : nil))
            }
            provinces[provinces.count - 1].counts = provinces[provinces.count - 1].counts + counts
            if byCommune { provinces[provinces.count - 1].communes?.append(CommuneCounts(communeCode: commune, counts: counts)) }
        }
        return ProgressReport(totals: provinces.reduce(ReportCounts()) { $0 + $1.counts }, provinces: provinces,
                              noticesByChannel: read.channels, registrationDecisions: read.decisions)
    }
}

private struct ReportLine {
    var province: String
    var commune: String?
    var counts: ReportCounts
}

private struct ReportRead {
    var lines: [ReportLine]
    var channels: [String: Int]
    var decisions: [String: Int]
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
