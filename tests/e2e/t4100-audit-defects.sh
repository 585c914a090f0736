#!/bin/sh
# union-audit against gen-sample: a clean generated directory audits
# clean; then each defect gen-sample can plant, planted alone, gives
# exactly one finding: the row below, at the line and key gen-sample's
# log says it planted it.
. "$(dirname "$0")/../lib.sh"

GEN="--members 400 --unions 20 --aid 200 --cases 60 --as-of 2026-06-30"
HEAD="severity,check,file,line,key,message"

test_case 'a clean generated directory audits clean' '
	gen_sample d $GEN &&
	test_status 0 union-audit -D d --as-of 2026-06-30 >out 2>err &&
	test_cmp_text out "$HEAD" &&
	sed "s/ in [0-9.]* s\$/ in T s/" err >sum &&
	printf "%s\n" "union-audit: read 7 files, 729 rows in T s" \
	    "union-audit: 0 errors, 0 warnings" \
	    "union-audit: 0 new, 0 still open, 0 fixed since the last run" >expect &&
	test_cmp expect sum
'

test_case 'a larger generated directory audits clean too' '
	gen_sample d --members 5000 --unions 80 --aid 2000 --cases 300 --seed 7 &&
	test_status 0 union-audit -D d --as-of 2026-06-30 -q --no-history >out &&
	test_cmp_text out "$HEAD"
'

# planted DEFECT STATUS ROW: plant DEFECT alone; the audit must exit
# with STATUS and print exactly ROW; ROW's line and key must be where
# the log says the defect went (the key only when ROW has one).
planted() {
	gen_sample d $GEN --defects "$1" --defects-log log >/dev/null &&
	test_status "$2" union-audit -D d --as-of 2026-06-30 -q --no-history >out &&
	printf "%s\n" "$HEAD" "$3" >expect &&
	test_cmp expect out &&
	where=$(cut -d, -f3,4 log) && line=${where%%,*} && key=${where#*,} &&
	row_line=$(printf "%s\n" "$3" | cut -d, -f4) &&
	row_key=$(printf "%s\n" "$3" | cut -d, -f5) &&
	test "$row_line" = "$line" &&
	{ test -z "$row_key" || test "$row_key" = "$key"; }
}

while IFS="|" read -r defect row; do
	[ -n "$defect" ] || continue
	DEFECT=$defect ROW=$row
	test_case "defect $defect" 'planted "$DEFECT" 1 "$ROW"'
done <<'EOT'
bad_id_check|error,field,members.csv,202,M00000201,"id_number: bad check character: expected 0, found 1"
id_gender_mismatch|error,id_mismatch,members.csv,202,M00000201,gender: M disagrees with id_number (F)
id_birth_mismatch|error,id_mismatch,members.csv,202,M00000201,birth_date: 1996-09-26 disagrees with the birth date in id_number
bad_phone|error,field,members.csv,202,M00000201,phone: not a mainland mobile number: must begin with 13 to 19
bad_date|error,field,members.csv,202,M00000201,join_date: 2014-02-30 is not a calendar date
bad_money|error,field,members.csv,202,M00000201,wage: more than two decimals
bad_enum|error,field,members.csv,202,M00000201,"group: ""driver"" is not one of regular, truck_driver, courier, care_worker, domestic_worker, mall_info_clerk, food_delivery, property_agent, security_guard, ride_hailing"
dup_member_id|error,dup_key,members.csv,202,M00000200,member_id M00000200 repeats line 201
dup_active_person|error,dup_active_person,members.csv,202,M00000201,id_number 320826********6592 already has an active or retained membership on line 201
dangling_union_ref|error,dangling_ref,members.csv,202,M00000201,union_id U000036 names no union
member_of_dissolved|error,member_of_dissolved,members.csv,202,M00000201,active member of dissolved union U000035
join_before_16|error,join_date,members.csv,202,M00000201,join_date: 2012-03-25 is before the member's 16th birthday
join_in_future|error,join_date,members.csv,202,M00000201,join_date: 2052-11-23 is in the future
dup_union_id|error,dup_key,unions.csv,21,U000019,union_id U000019 repeats line 20
union_cycle|error,union_cycle,unions.csv,27,U000026,union hierarchy cycle: U000026 -> U000027 -> U000026
orphan_parent|error,dangling_ref,unions.csv,33,U000032,parent_id U000037 names no union
enterprise_bad_uscc|error,field,enterprises.csv,10,91320826MAOX5B1W2U,credit_code: character 11 is not one of 0-9ABCDEFGHJKLMNPQRTUWXY
enterprise_dissolved_union|error,enterprise_dissolved_union,enterprises.csv,22,11320826267968811N,union_id U000035 names a dissolved union
aid_paid_without_approval|error,aid_row,aid.csv,85,A0000084,approved: must be set when status is paid
aid_paid_ne_approved|error,aid_row,aid.csv,85,A0000084,paid: paid 9900.00 differs from approved 10000.00
aid_over_max_award|error,aid_over_max_award,aid.csv,85,A0000084,approved 20500.00 is above max_award 20000.00 of medical_mutual
aid_over_annual_cap|error,aid_over_annual_cap,aid.csv,86,A0000085,"M00000388's awards in critical_illness in 2025 reach 60000.00, above annual_cap 50000.00"
aid_not_member_on_date|error,aid_not_member,aid.csv,41,A0000040,"applied 2024-07-14, before M00000390 joined on 2024-07-24"
aid_hardship_required|error,aid_hardship_required,aid.csv,85,A0000084,hardship_relief requires hardship; M00000388 has none
aid_dates_out_of_order|error,aid_row,aid.csv,85,A0000084,decided: decided 2025-03-13 is before applied 2025-03-16
case_closed_before_opened|error,case_row,cases.csv,23,C000021,closed: closed 2024-10-16 is before opened 2024-10-21
case_outcome_without_close|error,case_row,cases.csv,43,C000041,outcome: must be empty unless status is closed
ragged_row|error,malformed_record,cases.csv,34,,"expected 12 fields, found 11"
torn_last_line|error,torn_line,cases.csv,63,,the last line does not end in a newline: a write cut short
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
