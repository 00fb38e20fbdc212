/// The progress page: one HTML document with inline CSS and script, drawn from /api/progress.
enum ProgressPage {
    static let html = #"""
    <!doctype html>
    <html lang="vi">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>PensionPay — Tiến độ chi trả không dùng tiền mặt</title>
    <style>
      body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #1d2733; background: #f6f8fa; }
      h1 { font-size: 22px; margin: 0 0 4px; } .sub { color: #5b6b7b; margin-bottom: 20px; }
      .cards { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 20px; }
      .card { background: #fff; border: 1px solid #d8dee4; border-radius: 8px; padding: 12px 16px; min-width: 150px; }
      .card .v { font-size: 24px; font-weight: bold; } .card .l { color: #5b6b7b; font-size: 13px; }
      table { border-collapse: collapse; background: #fff; width: 100%; margin-bottom: 24px; font-size: 14px; }
      th, td { border-bottom: 1px solid #e4e8ec; padding: 6px 8px; text-align: right; } th { background: #eef2f5; }
      td:first-child, th:first-child { text-align: left; }
      .bar { background: #e4e8ec; border-radius: 4px; height: 10px; width: 140px; display: inline-block; vertical-align: middle; }
      .bar > span { background: #2e8b57; display: block; height: 10px; border-radius: 4px; }
      .warn { color: #b5480b; font-weight: bold; } .err { color: #b00020; }
    </style>
    </head>
    <body>
    <h1>Tiến độ chi trả lương hưu, trợ cấp BHXH không dùng tiền mặt</h1>
    <div class="sub">Cashless pension payment progress · <span id="updated">đang tải… / loading…</span></div>
    <div class="cards" id="cards"></div>
    <h2>Theo tỉnh, thành phố / By province</h2>
    <table id="provinces"><thead><tr>
      <th>Tỉnh / Province</th><th>Người hưởng</th><th>Qua tài khoản</th><th>Tiền mặt</th><th>Tỷ lệ không dùng tiền mặt</th>
      <th>Đã xác thực</th><th>Chờ xem xét</th><th>Lệch thông tin</th><th>Không tìm thấy</th><th>Đã chết</th><th>Chưa xác thực</th>
    </tr></thead><tbody></tbody></table>
    <h2>Hàng đợi / Queue health</h2>
    <table id="queues"><thead><tr><th>Queue</th><th>Role</th><th>Ready</th><th>Consumers</th></tr></thead><tbody></tbody></table>
    <script>
    "use strict";
    const fmt = n => (n ?? 0).toLocaleString("vi-VN");
    const pct = (a, b) => b > 0 ? (100 * a / b).toFixed(1) + "%" : "–";
    function cell(row, text, cls) { const td = row.insertCell(); td.textContent = text; if (cls) td.className = cls; return td; }
    function draw(data) {
      const t = data.report.totals;
      document.getElementById("updated").textContent = "cập nhật / updated " + data.generated_at;
      const cards = [
        ["Người hưởng / Beneficiaries", fmt(t.beneficiaries)],
        ["Không dùng tiền mặt / Cashless", pct(t.paid_by_bank, t.paid_by_bank + t.paid_in_cash)],
        ["Còn nhận tiền mặt / Still in cash", fmt(t.paid_in_cash)],
        ["Đã xác thực / Verified", fmt(t.verified)],
        ["Chờ xem xét / Holds awaiting review", fmt(t.on_hold)],
        ["Đã chết / Deceased", fmt(t.deceased)],
      ];
      document.getElementById("cards").replaceChildren(...cards.map(([label, value]) => {
        const div = document.createElement("div"); div.className = "card";
        div.innerHTML = '<div class="v"></div><div class="l"></div>';
        div.firstChild.textContent = value; div.lastChild.textContent = label; return div;
      }));
      const body = document.querySelector("#provinces tbody"); body.replaceChildren();
      for (const p of data.report.provinces) {
        const row = body.insertRow();
        cell(row, p.province_code + " " + (data.province_names[p.province_code] || "?"));
        cell(row, fmt(p.beneficiaries)); cell(row, fmt(p.paid_by_bank)); cell(row, fmt(p.paid_in_cash));
        const share = cell(row, ""); const bar = document.createElement("span"); bar.className = "bar";
        const fill = document.createElement("span"); const paid = p.paid_by_bank + p.paid_in_cash;
        fill.style.width = (paid > 0 ? 100 * p.paid_by_bank / paid : 0) + "%"; bar.appendChild(fill);
        share.append(bar, " " + pct(p.paid_by_bank, paid));
        cell(row, fmt(p.verified)); cell(row, fmt(p.on_hold), p.on_hold > 0 ? "warn" : "");
        cell(row, fmt(p.mismatch)); cell(row, fmt(p.not_found)); cell(row, fmt(p.deceased)); cell(row, fmt(p.unverified));
      }
      const queues = document.querySelector("#queues tbody"); queues.replaceChildren();
      for (const q of data.queues) {
        const row = queues.insertRow(); cell(row, q.name); cell(row, q.role);
        if (q.error) { cell(row, q.error, "err").colSpan = 2; } else { cell(row, fmt(q.ready)); cell(row, fmt(q.consumers), q.role === "work" && q.consumers === 0 ? "warn" : ""); }
      }
      document.body.dataset.loaded = "true";
    }
    async function refresh() {
      try { const r = await fetch("api/progress", {cache: "no-store"}); if (!r.ok) throw new Error(r.status); draw(await r.json()); }
      catch (e) { document.getElementById("updated").textContent = "không tải được dữ liệu / data unavailable (" + e.message + ")"; }
    }
    refresh(); setInterval(refresh, 15000);
    </script>
    </body>
    </html>
    """#
}
