// The PDF's print stylesheet (inline in the page: it loads nothing): Letter pages whose margins the
// header and footer use, system fonts Debian ships (Liberation, DejaVu), tables that fit a portrait page,
// and a page break before each section.
export const PDF_STYLE = `
  * { box-sizing: border-box; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { margin: 0; font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 8.5pt; color: #1b1f24; line-height: 1.3; }
  section.page + section.page { break-before: page; }
  h1 { font-size: 17pt; margin: 0 0 2pt; }
  h2 { font-size: 11.5pt; margin: 12pt 0 4pt; break-after: avoid; }
  p { margin: 2pt 0 5pt; }
  .lede { font-size: 10pt; color: #444c56; margin-bottom: 10pt; }
  .note { color: #57606a; font-size: 7.5pt; }
  .tiles { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6pt; }
  .tile { border: 0.75pt solid #c9d1d9; border-radius: 4pt; padding: 6pt 8pt; break-inside: avoid; }
  .tile-label { font-weight: 700; color: #444c56; }
  .tile-value { font-size: 16pt; font-weight: 700; margin: 2pt 0; }
  .tile-change { font-size: 7.5pt; color: #444c56; }
  .tile-month { font-size: 7pt; color: #6e7781; margin-top: 2pt; }
  .tie { padding: 4pt 6pt; border-left: 3pt solid #0072B2; background: #eef5fb; }
  .tie.bad { border-left-color: #D55E00; background: #fdf0e8; }
  table.data { border-collapse: collapse; width: 100%; margin: 2pt 0 6pt; }
  table.data th, table.data td { padding: 2pt 4pt; border-bottom: 0.5pt solid #d8dee4; text-align: left; vertical-align: top; }
  table.data thead th { background: #e8ecf1; font-weight: 700; border-bottom: 0.75pt solid #8c959f; vertical-align: bottom; }
  table.data tbody th { font-weight: 400; }
  table.data .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  table.data tr.total th, table.data tr.total td { font-weight: 700; border-top: 0.75pt solid #57606a; }
  table.data tr { break-inside: avoid; }
  table.compact { font-size: 7.5pt; }
  table.summary { font-size: 7.5pt; }
  table.summary th, table.summary td { padding: 1pt 4pt; }
  table.summary tbody th { width: 50%; }
  table.denials tbody th { width: 40%; }
  .notes { font-size: 7pt; color: #57606a; margin: 0 0 4pt; padding-left: 12pt; }
  /* one line a note: the workbook's Summary sheet holds them whole */
  .notes li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  dl.about { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 8pt; font-size: 7.5pt; margin: 0; }
  dl.about dt { font-weight: 700; }
  dl.about dd { margin: 0; overflow-wrap: anywhere; }
  .trends { display: grid; grid-template-columns: 1fr 1fr; gap: 6pt 14pt; }
  figure { margin: 0; break-inside: avoid; }
  figure.trend figcaption { font-weight: 700; margin-bottom: 2pt; }
  figure.chart { margin: 4pt 0 8pt; }
  svg { max-width: 100%; height: auto; }
`;
