"""The page's style sheet and its small filtering script, inlined in every report.

No web fonts, no external files: the page opens the same from an email attachment, offline, or
printed. The script only hides findings rows; without it every row shows and the filters stay
hidden.
"""

CSS = """
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--paper:#fff;--wash:#f5f7fa;--accent:#0f5e6b;
--accent-soft:#e3f1f3;--bar:#2f7f8c;--error:#b42318;--warning:#a15c07;--info:#1d5fa8;
--empty:#eef1f4;--under:#f4c06a;--within:#2e8b57;--over:#c2412d;--planned:#8fb3de}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--wash);color:var(--ink);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top{background:var(--accent);color:#fff;padding:28px 0 22px}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
header.top h1{margin:0 0 4px;font-size:1.9rem;line-height:1.2;font-weight:700}
header.top p{margin:0;opacity:.92;max-width:52em}
nav.toc{background:#fff;border-bottom:1px solid var(--line)}
nav.toc ul{list-style:none;margin:0 auto;padding:10px 24px;max-width:1180px;
display:flex;flex-wrap:wrap;gap:4px 18px}
nav.toc a{color:var(--accent);text-decoration:none;font-weight:600;font-size:.95rem}
nav.toc a:hover,nav.toc a:focus{text-decoration:underline}
main{padding:22px 0 8px}
section{background:var(--paper);border:1px solid var(--line);border-radius:10px;
padding:20px 24px;margin:0 0 20px}
section h2{margin:0 0 12px;font-size:1.3rem;color:var(--accent)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:20px;margin:0 0 20px}
.grid section{margin:0}
.muted{color:var(--muted)}
.note{color:var(--muted);font-size:.92rem;margin:10px 0 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:4px 0 14px}
.card{border:1px solid var(--line);border-left:5px solid var(--accent);border-radius:8px;padding:10px 14px}
.card .n{display:block;font-size:2rem;font-weight:700;line-height:1.1;font-variant-numeric:tabular-nums}
.card .what{display:block;font-weight:600}
.card .help{display:block;color:var(--muted);font-size:.85rem;line-height:1.3}
.card.error{border-left-color:var(--error)} .card.error .n{color:var(--error)}
.card.warning{border-left-color:var(--warning)} .card.warning .n{color:var(--warning)}
.card.info{border-left-color:var(--info)} .card.info .n{color:var(--info)}
.card.clean{border-left-color:var(--within)}
h3{font-size:1rem;margin:14px 0 6px}
ol.top-rules{margin:0;padding-left:1.4em;columns:2;column-gap:32px}
ol.top-rules li{break-inside:avoid;margin:0 0 2px}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.88em;
background:var(--wash);border-radius:4px;padding:1px 4px}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;padding:0 0 6px}
table.bars caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.bars th,table.bars td{padding:3px 6px;border-bottom:1px solid #eef1f4;vertical-align:middle}
table.bars thead th{font-size:.8rem;color:var(--muted);font-weight:600;text-align:left;
border-bottom:1px solid var(--line)}
table.bars th[scope=row]{font-weight:500;text-align:left;width:42%}
table.bars .bar-col{width:40%}
table.bars .bar{display:block;height:14px;background:var(--bar);border-radius:3px;min-width:2px;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
table.bars tr.none th{font-style:italic;color:var(--muted)}
table.bars tr.none .bar{background:#aab4bf}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.gauge{max-width:100%;height:auto;display:block;margin:8px 0}
.gauge-track{fill:var(--empty)} .gauge-fill.within{fill:var(--within)} .gauge-fill.over{fill:var(--over)}
.gauge-mark{stroke:var(--ink);stroke-width:2.5} .gauge-label{font-size:13px;fill:var(--ink)}
.verdict{font-weight:600} .verdict.over{color:var(--over)} .verdict.within{color:var(--within)}
.scroll{overflow-x:auto}
.heatmap{display:block;font-family:inherit}
.heatmap .month{font-size:12px;font-weight:700;fill:var(--ink)}
.heatmap .daynum{font-size:10px;fill:var(--muted);text-anchor:middle}
.heatmap .rowname{font-size:12px;font-weight:600;fill:var(--ink)}
.heatmap .weekend{fill:#f3f0e8}
.cell rect{stroke:rgba(0,0,0,.08);stroke-width:1}
.cell text{font-size:10px;font-weight:700;text-anchor:middle;fill:#fff}
.cell.empty rect{fill:var(--empty)}
.cell.under rect{fill:var(--under);stroke:#8a5a00;stroke-dasharray:3 2;stroke-width:1.2}
.cell.under text{fill:#3b2600}
.cell.within rect{fill:var(--within)}
.cell.over rect{fill:var(--over);stroke:#5a1409;stroke-width:2}
.cell.planned rect{fill:var(--planned)} .cell.planned text{fill:#102a43}
.heatmap,.swatch,.gauge{-webkit-print-color-adjust:exact;print-color-adjust:exact}
ul.legend{list-style:none;padding:0;margin:10px 0;display:flex;flex-wrap:wrap;gap:6px 20px;font-size:.92rem}
ul.legend li{display:flex;align-items:center;gap:6px}
table.plain th,table.plain td{padding:5px 8px;border-bottom:1px solid var(--line);
text-align:left;vertical-align:top}
table.plain thead th{background:var(--wash);font-size:.85rem}
table.plain td.num,table.plain th.num{text-align:right}
ul.fund{margin:8px 0 0;padding-left:1.2em}
.filters{display:flex;flex-wrap:wrap;gap:10px 20px;align-items:end;margin:0 0 12px}
.filters label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600;color:var(--muted)}
.filters select{font:inherit;font-size:.95rem;padding:4px 6px;border:1px solid #b8c1cc;border-radius:6px;
background:#fff;color:var(--ink);min-width:200px}
.filters output{color:var(--muted);font-size:.9rem;padding-bottom:6px}
table.findings{table-layout:fixed}
table.findings td.where{font-size:.85rem;overflow-wrap:anywhere}
table.findings col.where{width:25%} table.findings col.code{width:4.6em} table.findings col.rule{width:13%}
table.findings col.severity{width:9.5em}
table.findings td.where code{background:none;padding:0}
.sev{display:inline-block;border-radius:999px;padding:0 9px;font-size:.8rem;font-weight:700;border:1px solid}
.sev.error{color:var(--error);background:#fdecea} .sev.warning{color:var(--warning);background:#fff4e0}
.sev.info{color:var(--info);background:#e8f0fb}
.suggestion{display:block;color:var(--muted);font-size:.9rem;margin-top:2px}
footer{color:var(--muted);font-size:.85rem;padding:4px 0 28px}
@media (max-width:640px){.grid{grid-template-columns:1fr}ol.top-rules{columns:1}}
@media print{
body{background:#fff;font-size:11pt}
header.top{background:#fff;color:var(--ink);padding:0 0 8px;border-bottom:2px solid var(--accent)}
nav.toc,.filters{display:none}
section{border:none;padding:8px 0;margin:0 0 12px;break-inside:avoid}
section#findings{break-inside:auto}
.grid{grid-template-columns:1fr 1fr;gap:12px}
tr{break-inside:avoid}
.scroll{overflow:visible}
.heatmap{max-width:100%;height:auto}
}
"""

JS = """
(function(){
  var box=document.getElementById('filters');
  if(!box){return;}
  var rule=document.getElementById('filter-rule'), sev=document.getElementById('filter-severity');
  var out=document.getElementById('filter-count');
  var rows=document.querySelectorAll('#findings tbody tr');
  var template=out.getAttribute('data-template');
  function apply(){
    var shown=0;
    for(var i=0;i<rows.length;i++){
      var r=rows[i];
      var ok=(!rule.value||r.getAttribute('data-rule')===rule.value)&&
        (!sev.value||r.getAttribute('data-severity')===sev.value);
      r.hidden=!ok; if(ok){shown++;}
    }
    out.textContent=template.replace('{shown}',shown).replace('{total}',rows.length);
  }
  rule.addEventListener('change',apply); sev.addEventListener('change',apply);
  box.hidden=false; apply();
})();
"""
