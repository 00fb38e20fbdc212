import Foundation
import PensionDomain
import PensionStore

/// Home-visit lists for commune staff and payment-point officers: CSV (formula-escaped, for spreadsheets)
/// or a self-contained printable HTML page (inline CSS, no scripts, every value HTML-escaped), one
/// section per commune, sorted by address.
///
/// The ID number is masked: staff identify people by name and address; the full number stays in the database.
public enum HomeVisitListWriter {
    /// The CSV header.
    public static let csvHeader = ["province_code", "commune_code", "address", "full_name", "birth_year", "sex", "phone", "national_id_masked", "period", "notice_id"]

    /// The list as CSV (UTF-8 with a BOM, so spreadsheet programs read the diacritics right).
    public static func csv(_ entries: [HomeVisitEntry]) -> String {
        var lines = [csvHeader.joined(separator: ",")]
        for e in entries {
            let values = [e.provinceCode, e.communeCode ?? "", e.postalAddress ?? "", e.fullName, String(e.dateOfBirth.prefix(4)),
                          e.sex ?? "", e.phone ?? "", e.nationalID.maskedID, e.period, e.noticeID]
            lines.append(values.map(RejectsWriter.escape).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The list as one printable HTML page.
    public static func html(_ entries: [HomeVisitEntry], provinceCode: String, generatedAt: Date) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8">
            <title>Danh sách thăm hộ gia đình — tỉnh \(escape(provinceCode))</title>
            <style>
            body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; margin: 1.5cm; color: #000; }
            h1 { font-size: 15pt; } h2 { font-size: 13pt; margin-top: 1.2em; page-break-before: auto; }
            table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #444; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #eee; } td.tick { width: 2.5cm; }
            section { page-break-after: always; } section:last-of-type { page-break-after: auto; }
            @media print { body { margin: 0; } }
            </style></head><body>
            <h1>Danh sách người hưởng cần thăm tại nhà (vận động nhận lương hưu qua tài khoản)</h1>
            <p>Tỉnh/thành phố: \(escape(provinceCode)) · Lập ngày: \(escape(generatedAt.formatted(.iso8601.year().month().day()))) · Số người: \(entries.count)</p>

            """
        let communes = Dictionary(grouping: entries) { $0.communeCode ?? "" }
        for commune in communes.keys.sorted() {
            let rows = communes[commune] ?? []
            html += "<section><h2>Xã/phường: \(escape(commune.isEmpty ? "chưa rõ" : commune)) (\(rows.count) người)</h2>\n"
            html += "<table><thead><tr><th>#</th><th>Họ và tên</th><th>Năm sinh</th><th>Địa chỉ</th><th>Điện thoại</th><th>Số định danh</th><th>Đã thăm</th></tr></thead><tbody>\n"
            for (n, e) in rows.enumerated() {
                html += "<tr><td>\(n + 1)</td><td>\(escape(e.fullName))</td><td>\(escape(String(e.dateOfBirth.prefix(4))))</td>"
                    + "<td>\(escape(e.postalAddress ?? ""))</td><td>\(escape(e.phone ?? ""))</td><td>\(escape(e.nationalID.maskedID))</td>"
                    + "<td class=\"tick\"></td></tr>\n"
            }
            html += "</tbody></table></section>\n"
        }
        return html + "</body></html>\n"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
