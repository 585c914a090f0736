#!/bin/sh
# union-audit against gen-sample: a clean generated directory audits
# clean; then each defect gen-sample can plant, planted alone, gives
# exactly one finding: of the check below, at the line and key
# gen-sample's log says it planted it, with the message below.
. "$(dirname "$0")/../lib.sh"

GEN="--members 400 --unions 20 --aid 200 --cases 60 --as-of 2026-06-30"
HEAD="severity,check,file,line,key,message"

test_case 'a clean generated directory audits clean' '
	gen_sample d $GEN &&
	test_status 0 union-audit -D d --as-of 2026-06-30 >out 2>err &&
	test_cmp_text out "$HEAD" &&
	sed "s/ in [0-9.]* s\$/ in T s/" err >sum &&
	rows=$(cat d/unions.csv d/programs.csv d/members.csv d/enterprises.csv \
	    d/aid.csv d/cases.csv |
	    awk "{ q += gsub(/\"/, \"&\") } q % 2 == 0 { n++ } END { print n }") &&
	printf "%s\n" "union-audit: read 7 files, $((rows - 6)) rows in T s" \
	    "union-audit: 0 errors, 0 warnings" \
	    "union-audit: 0 new, 0 still open, 0 fixed since the last run" >expect &&
	test_cmp expect sum
'

test_case 'a larger generated directory audits clean too' '
	gen_sample d --members 5000 --unions 80 --aid 2000 --cases 300 --seed 7 &&
	test_status 0 union-audit -D d --as-of 2026-06-30 -q --no-history >out &&
	test_cmp_text out "$HEAD"
'

# planted DEFECT WHAT KEYED MESSAGE: plant DEFECT alone; the audit must
# exit 1 and print exactly one finding: "WHAT,LINE,KEY,MESSAGE", with
# LINE and KEY where gen-sample's log says it planted the defect (KEY
# empty unless KEYED is "key": a malformed record has none), and
# MESSAGE matching the extended regular expression given (the values
# in it are gen-sample's, so they are matched by their form).
planted() {
	gen_sample d $GEN --defects "$1" --defects-log log >/dev/null &&
	test_status 1 union-audit -D d --as-of 2026-06-30 -q --no-history >out &&
	where=$(cut -d, -f3,4 log) && line=${where%%,*} && key=${where#*,} &&
	[ "$3" = key ] || key= &&
	sed 1d out >found &&
	test_cmp_text head "$(sed -n 1p out >head && echo "$HEAD")" &&
	test $(wc -l <found) -eq 1 &&
	grep -E -x -e "$2,$line,$key,$4" found >/dev/null ||
	{ echo "finding does not match $2,$line,$key,$4:" >&2; cat found >&2; return 1; }
}

# In the messages below, @D stands for a date and @M for an amount.
while IFS="|" read -r defect what keyed message; do
	[ -n "$defect" ] || continue
	DEFECT=$defect WHAT=$what KEYED=$keyed
	MESSAGE=$(printf "%s\n" "$message" |
	    sed "s/@D/[0-9]{4}-[0-9]{2}-[0-9]{2}/g; s/@M/[0-9]+\\.[0-9]{2}/g")
	test_case "defect $defect" 'planted "$DEFECT" "$WHAT" "$KEYED" "$MESSAGE"'
done <<'EOT'
bad_id_check|error,field,members.csv|key|"id_number: bad check character: expected [0-9X], found [0-9X]"
id_gender_mismatch|error,id_mismatch,members.csv|key|gender: [MF] disagrees with id_number \([MF]\)
id_birth_mismatch|error,id_mismatch,members.csv|key|birth_date: @D disagrees with the birth date in id_number
bad_phone|error,field,members.csv|key|phone: not a mainland mobile number: must begin with 13 to 19
bad_date|error,field,members.csv|key|join_date: [0-9]{4}-02-30 is not a calendar date
bad_money|error,field,members.csv|key|wage: more than two decimals
bad_enum|error,field,members.csv|key|"group: ""driver"" is not one of regular, truck_driver, courier, care_worker, domestic_worker, mall_info_clerk, food_delivery, property_agent, security_guard, ride_hailing"
dup_member_id|error,dup_key,members.csv|key|member_id M[0-9]{8} repeats line [0-9]+
dup_active_person|error,dup_active_person,members.csv|key|id_number [0-9]{6}\*{8}[0-9]{3}[0-9X] already has an active or retained membership on line [0-9]+
dangling_union_ref|error,dangling_ref,members.csv|key|union_id U[0-9]{6} names no union
member_of_dissolved|error,member_of_dissolved,members.csv|key|active member of dissolved union U[0-9]{6}
join_before_16|error,join_date,members.csv|key|join_date: @D is before the member's 16th birthday
join_in_future|error,join_date,members.csv|key|join_date: @D is in the future
dup_union_id|error,dup_key,unions.csv|key|union_id U[0-9]{6} repeats line [0-9]+
union_cycle|error,union_cycle,unions.csv|key|union hierarchy cycle: (U[0-9]{6}) -> U[0-9]{6} -> \1
orphan_parent|error,dangling_ref,unions.csv|key|parent_id U[0-9]{6} names no union
enterprise_bad_uscc|error,field,enterprises.csv|key|credit_code: .+
enterprise_dissolved_union|error,enterprise_dissolved_union,enterprises.csv|key|union_id U[0-9]{6} names a dissolved union
aid_paid_without_approval|error,aid_row,aid.csv|key|approved: must be set when status is paid
aid_paid_ne_approved|error,aid_row,aid.csv|key|paid: paid @M differs from approved @M
aid_over_max_award|error,aid_over_max_award,aid.csv|key|approved @M is above max_award @M of [a-z_]+
aid_over_annual_cap|error,aid_over_annual_cap,aid.csv|key|"M[0-9]{8}'s awards in [a-z_]+ in [0-9]{4} reach @M, above annual_cap @M"
aid_not_member_on_date|error,aid_not_member,aid.csv|key|"applied @D, before M[0-9]{8} joined on @D"
aid_hardship_required|error,aid_hardship_required,aid.csv|key|hardship_relief requires hardship; M[0-9]{8} has none
aid_dates_out_of_order|error,aid_row,aid.csv|key|(decided: decided @D is before applied @D|paid_on: paid_on @D is before decided @D)
case_closed_before_opened|error,case_row,cases.csv|key|closed: closed @D is before opened @D
case_outcome_without_close|error,case_row,cases.csv|key|(outcome: must be empty unless status is closed|closed: must be empty unless status is closed|(closed|outcome): must be set when status is closed)
ragged_row|error,malformed_record,cases.csv|-|"expected 12 fields, found 1[13]"
torn_last_line|error,torn_line,cases.csv|-|the last line does not end in a newline: a write cut short
EOT

test_case 'every defect at once: one finding each, nothing else' '
	gen_sample d $GEN --defects all --defects-log log >/dev/null &&
	test_status 1 union-audit -D d --as-of 2026-06-30 -q --no-history >out &&
	test $(sed 1d out | wc -l) -eq $(wc -l <log) &&
	sed 1d out | cut -d, -f3,4 | sort >found &&
	cut -d, -f2,3 log | sort >planted &&
	test_cmp planted found
'

test_done
