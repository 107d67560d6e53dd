#!/bin/sh
# Writes fixtures/formats/libreoffice/: the demo workbook as LibreOffice Calc saves it, to test that workbooks
# from Calc (its own XML, styles and number formats) audit exactly as Excel's do (test/e2e/libreoffice.test.ts).
# Needs LibreOffice (Debian: libreoffice-calc); the files are committed, so the tests do not need it.
#   demo-resaved.xlsx    fixtures/demo/ccm-export-2026-10.xlsx opened and saved again by Calc.
#   time-log-typed.xlsx  the demo's "CCM Time Log" sheet exported to CSV and opened by Calc, which types the
#                        cells itself: dates as mm/dd/yy, times as hh:mm:ss AM/PM, ids and minutes as numbers.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/fixtures/formats/libreoffice"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/fixtures/demo/ccm-export-2026-10.xlsx" "$work/demo-resaved.xlsx"
mkdir "$work/saved"
soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work/saved" "$work/demo-resaved.xlsx" >/dev/null
# CSV export of every sheet (the last token, -1); the time log becomes demo-resaved-CCM Time Log.csv.
(cd "$work" && soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' demo-resaved.xlsx >/dev/null)
cp "$work/demo-resaved-CCM Time Log.csv" "$work/time-log-typed.csv"
# Import as UTF-8 (76) in the en-US locale (1033), detecting special numbers (dates and times).
soffice --headless --infilter='Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true' --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work/saved" "$work/time-log-typed.csv" >/dev/null
cp "$work/saved/demo-resaved.xlsx" "$work/saved/time-log-typed.xlsx" "$out/"
soffice --version 2>/dev/null | head -n 1 > "$out/VERSION"
