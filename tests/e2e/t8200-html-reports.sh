#!/bin/sh
# Reports for leadership: --format html on every union-stats report and
# on the audit writes one page that parses as XML and as HTML, fetches
# nothing, runs nothing, holds every cell of the same report's CSV
# output in its table, in order, and draws one bar per data row.
. "$(dirname "$0")/../lib.sh"

command -v python3 >/dev/null || { echo "python3 is needed"; exit 1; }

# page-check PAGE CSV BARS: the page's checks, in python3 (xml.etree is
# strict: the page must be well-formed XML; html.parser must take it
# too).  BARS is the bars wanted: "rows" (one per CSV data row) or a
# number.
cat >"$t_root/page-check.py" <<'EOF'
import csv, sys, html.parser
import xml.etree.ElementTree as ET

page, csvfile, bars = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(page, encoding="utf-8").read()
html.parser.HTMLParser().feed(text)
root = ET.fromstring(text)
X = "{http://www.w3.org/2000/svg}"
low = text.lower()
for bad in ("<script", "http://", "https://", "src=", "href=", "@import"):
    rest = low.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert bad not in rest, "page holds " + bad
table = root.find("body/table")
head = [th.text or "" for th in table.findall("thead/tr/th")]
body = [[td.text or "" for td in tr.findall("td")]
        for tr in table.findall("tbody/tr")]
want = list(csv.reader(open(csvfile, encoding="utf-8")))
assert head == want[0], ("header", head, want[0])
assert body == want[1:], ("rows differ", body, want[1:])
rects = [r for r in root.iter(X + "rect") if r.get("class") == "bar"]
n = len(want) - 1 if bars == "rows" else int(bars)
assert len(rects) == n, ("bars", len(rects), n)
for r in rects:
    assert 0 <= int(r.get("width")) <= 400, r.get("width")
print("ok")
EOF

# page CMD...: run the report as csv and as html; check the page
page() {
	bars=$1; shift
	"$@" >out.csv &&
	"$@" --format html >out.html &&
	python3 "$t_root/page-check.py" out.html out.csv "$bars" >check &&
	test_cmp_text check ok
}

gen_sample "$t_root/s" --members 3000 --unions 60 --towns 6 >/dev/null 2>&1

# p NAME BARS ARGS: the page of union-stats ARGS over the sample
p() {
	test_case "html: $1" "
		cp -R '$t_root/s' d &&
		page $2 union-stats $3 -D d --as-of 2026-06-30
	"
}

p 'members --by town (one bar per town and (no town))' rows 'members --by town'
p 'members --by union' rows 'members --by union'
p 'members --by group' rows 'members --by group'
p 'members --by age' rows 'members --by age'
p 'members with no --by: one row, no chart' 0 'members'
p 'members --rollup: no chart' 0 'members --rollup'
p 'coverage (by org_type)' rows 'coverage'
p 'coverage --by town' rows 'coverage --by town'
p 'aid --by program' rows 'aid --by program'
p 'aid --by town' rows 'aid --by town'
p 'aid --by month --year 2025' rows 'aid --by month --year 2025'
p 'aid with no --by: no chart' 0 'aid'
p 'dues --by town' rows 'dues --by town --month 2026-05'
p 'dues --by union' rows 'dues --by union'
p 'growth --by year' rows 'growth --by year'
p 'age' rows 'age'
p 'cases --by kind' rows 'cases --by kind'
p 'cases --by town' rows 'cases --by town'

test_case 'html: coverage bars carry the target marker of each type' '
	cp -R "$t_root/s" d &&
	union-stats coverage -D d --format html >page &&
	test "$(grep -c "<line class=\"target\"" page)" = 3 &&
	test_grep "<title>founding rate (%) against target (red line)</title>" page
'

test_case 'html: coverage --by town: a target marker on every town' '
	cp -R "$t_root/s" d &&
	union-stats coverage -D d --by town --format html >page &&
	union-stats coverage -D d --by town >csv &&
	test "$(grep -c "<line class=\"target\"" page)" = "$(($(wc -l <csv) - 1))"
'

test_case 'html: the totals row is the table foot, not a bar' '
	cp -R "$t_root/s" d &&
	union-stats aid -D d --by program --format html >page &&
	union-stats aid -D d --by program >csv &&
	test_grep "^<tfoot>$" page &&
	tot=$(awk -F, "NR > 1 { s += \$2 } END { print s }" csv) &&
	test_grep "^<tr><td>total</td><td class=\"num\">$tot</td>" page
'

test_case 'html: money in the bars has two decimals' '
	cp -R "$t_root/s" d &&
	union-stats aid -D d --by program --format html >page &&
	union-stats aid -D d --by program >csv &&
	paid=$(awk -F, "NR == 2 { print \$9 }" csv) &&
	echo "$paid" | grep -q "^[0-9][0-9]*\.[0-9][0-9]$" &&
	test_grep ">$paid</text>$" page
'

test_case 'html: bars scaled to the largest value or target' '
	mkdir d &&
	printf "%s\n" "credit_code,name,org_type,employees,town_id,union_id" \
	    "A,a,key_enterprise,1,," "B,b,key_enterprise,1,,U1" \
	    "C,c,non_public,1,," >d/enterprises.csv &&
	union-stats coverage -D d --target key_enterprise=50 \
	    --target non_public=25 --format html >page &&
	grep "^<rect class=\"bar\"" page | sed "s/ fill=.*//" >bars &&
	printf "%s\n" "<rect class=\"bar\" x=\"110\" y=\"28\" width=\"400\" height=\"16\"" \
	    "<rect class=\"bar\" x=\"110\" y=\"50\" width=\"0\" height=\"16\"" >expect &&
	test_cmp expect bars &&
	test_grep "^<line class=\"target\" x1=\"310\" y1=\"48\" x2=\"310\"" page
'

test_case 'html: Chinese labels and markup in names are escaped, not run' '
	cp -R "$t_root/s" d &&
	awk -F, -v OFS=, "NR == 3 || NR == 4 { \$2 = \"<b>甲&乙\" }
	    { print }" d/unions.csv >u && mv u d/unions.csv &&
	union-stats members -D d --by town --format html >page &&
	union-stats members -D d --by town >csv &&
	python3 "$t_root/page-check.py" page csv rows >check &&
	test_cmp_text check ok &&
	test_grep ">&lt;b&gt;甲&amp;乙</text>$" page &&
	test_grep "<td>&lt;b&gt;甲&amp;乙</td>" page &&
	test_no_grep "<b>" page
'

test_case 'html: the audit page: summary, a bar per check found, findings' '
	gen_sample d --members 500 --defects all --defects-log log >/dev/null 2>&1 &&
	test_status 1 union-audit -D d --no-history -q --as-of 2026-06-30 \
	    >out.csv &&
	test_status 1 union-audit -D d --no-history -q --as-of 2026-06-30 \
	    --format html >out.html &&
	checks=$(awk -F, "NR > 1 { print \$2 }" out.csv | sort -u | wc -l) &&
	python3 "$t_root/page-check.py" out.html out.csv "$checks" >check &&
	test_cmp_text check ok &&
	test_grep "^<p>[0-9]* errors, 0 warnings: " out.html &&
	test_grep "^<title>findings by check</title>$" out.html
'

test_case 'html: a clean audit: the summary, no chart, an empty table' '
	gen_sample d --members 200 >/dev/null 2>&1 &&
	union-audit -D d --no-history -q --as-of 2026-06-30 --format html >p &&
	test_grep "^<p>0 errors, 0 warnings</p>$" p &&
	test_no_grep "<svg" p &&
	python3 -c "import xml.etree.ElementTree as E; E.parse(\"p\")"
'

test_done
