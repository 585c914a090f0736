#!/bin/sh
# union-stats reports for people: the table format (Chinese names
# aligned by display width, numbers right-aligned, money with two
# decimals, a title, a totals row ruled off), and members of no town
# (an industry union under the county) labelled "(no town)" in every
# --by town report.  Figures worked out in the comments.
. "$(dirname "$0")/../lib.sh"

# Towns U2 (甲厂工会) and U3 (Shop); 建筑业联合工会 (U20) is an
# industry union under the county: its 乙公司工会 (U21) is in no town.
mkdata() {
	mkdir -p d
	cat >d/unions.csv <<-'EOF'
	union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating,status
	U1,涟水县总工会,,county,,government,1990-01-01,,none,active
	U2,高沟镇总工会,U1,town,,government,1995-01-01,,none,active
	U3,大东镇总工会,U1,town,,government,1995-01-01,,none,active
	U10,甲厂工会,U2,grassroots,91320826MA1K7C9R01,key_enterprise,2000-01-01,,none,active
	U11,Shop,U3,grassroots,91320826MA1K7C9R02,non_public,2001-01-01,,none,active
	U20,建筑业联合工会,U1,industry,,social_org,2002-01-01,,none,active
	U21,乙公司工会,U20,grassroots,91320826MA1K7C9R03,non_public,2003-01-01,,none,active
	EOF
	# dues in June 2025: M1 5670 -> 28.35, M2 retained, M3 60.00,
	# M4 9990 -> 49.95, M5 2000 -> 10.00
	cat >d/members.csv <<-'EOF'
	member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship
	M1,张三,320826199003070112,M,1990-03-07,,U10,,regular,2020-01-15,active,5678.90,none
	M2,李四,320826196001010227,F,1960-01-01,,U10,,courier,2018-06-01,retained,3000,none
	M3,王五,320826200006150316,M,2000-06-15,,U11,,regular,2024-02-10,active,12000,none
	M4,赵六,320826199003070972,M,1990-03-07,,U21,,regular,2025-01-02,active,9999.99,none
	M5,钱七,320826195806300868,F,1958-06-30,,U21,,regular,2000-05-05,active,2009.99,none
	EOF
	# town U2: key 2/1 (85%); U3: non_public 2/1 (70%); no town:
	# non_public 1/1.  The total's target: (85*2 + 70*3) / 5 = 76.
	cat >d/enterprises.csv <<-'EOF'
	credit_code,name,org_type,employees,town_id,union_id
	91320826MA1K7C9R01,甲厂,key_enterprise,100,U2,U10
	K2,丙厂,key_enterprise,100,U2,
	91320826MA1K7C9R02,Shop,non_public,10,U3,U11
	N2,丁店,non_public,10,U3,
	91320826MA1K7C9R03,乙公司,non_public,10,,U21
	EOF
	cat >d/aid.csv <<-'EOF'
	aid_id,member_id,program,applied,requested,status,decided,approved,paid_on,paid,reviewer,voucher,note
	A1,M1,winter_warmth,2025-01-10,500,paid,2025-01-12,500,2025-01-20,500,r,v1,
	A2,M4,winter_warmth,2025-01-11,800,paid,2025-01-12,800.50,2025-01-20,800.50,r,v1,
	A3,M3,school_aid,2025-02-01,2000,approved,2025-02-03,1500,,,r,,
	A4,M5,medical_mutual,2025-03-01,3000,rejected,2025-03-03,,,,r,,
	EOF
	# closed in 10 days (U2) and 30 (no town): median 20
	cat >d/cases.csv <<-'EOF'
	case_id,type,member_id,union_id,kind,channel,opened,status,closed,outcome,handler,summary
	C1,case,M1,U10,wage_arrears,visit,2025-01-10,closed,2025-01-20,resolved,h,
	C2,case,,U21,dismissal,online,2025-02-01,closed,2025-03-03,arbitration,h,
	C3,consultation,M4,U21,wage_arrears,phone,2025-02-05,closed,2025-02-05,resolved,h,
	C4,case,M3,U11,work_injury,visit,2025-03-01,open,,,h,
	EOF
}

# tab NAME ARGS: union-stats ARGS --format table prints the here-document
tab() {
	cat >"$t_root/expect.$((t_pass + t_fail + 1))"
	test_case "$1" "
		mkdata &&
		union-stats $2 -D d --as-of 2025-06-30 --format table >out 2>err &&
		test_cmp '$t_root/expect.$((t_pass + t_fail + 1))' out &&
		test_cmp /dev/null err
	"
}

tab 'table: members --by town' 'members --by town' <<'EOF'
union-stats members by town: d as of 2025-06-30
town_id  name          members
         (no town)           2
U2       高沟镇总工会        2
U3       大东镇总工会        1
------------------------------
total                        5
EOF

tab 'table: coverage --by town' 'coverage --by town' <<'EOF'
union-stats coverage by town: d as of 2025-06-30
town_id  name          units  unionised   rate  target  needed
         (no town)         1          1  100.0      70       0
U2       高沟镇总工会      2          1   50.0      85       1
U3       大东镇总工会      2          1   50.0      70       1
--------------------------------------------------------------
total                      5          3   60.0      76       2
EOF

tab 'table: aid --by town' 'aid --by town' <<'EOF'
union-stats aid by town: d as of 2025-06-30
town_id  name          applications  approved  rejected  paid  pending  requested_amount  approved_amount  paid_amount  average_award
         (no town)                2         1         1     1        0           3800.00           800.50       800.50         800.50
U2       高沟镇总工会             1         1         0     1        0            500.00           500.00       500.00         500.00
U3       大东镇总工会             1         1         0     0        0           2000.00          1500.00         0.00        1500.00
-------------------------------------------------------------------------------------------------------------------------------------
total                             4         3         1     2        0           6300.00          2800.50      1300.50         933.50
EOF

tab 'table: dues --by town --month 2025-06' 'dues --by town --month 2025-06' <<'EOF'
union-stats dues by town: d as of 2025-06-30
town_id  name          members  paying    dues
         (no town)           2       2   59.95
U2       高沟镇总工会        2       1   28.35
U3       大东镇总工会        1       1   60.00
----------------------------------------------
total                        5       4  148.30
EOF

tab 'table: cases --by town' 'cases --by town' <<'EOF'
union-stats cases by town: d as of 2025-06-30
town_id  name          consultations  cases  closed  resolved  arbitration  litigation  withdrawn  unresolved  resolution_rate  median_days  open
         (no town)                 1      1       1         0            1           0          0           0              0.0           30     0
U2       高沟镇总工会              0      1       1         1            0           0          0           0            100.0           10     0
U3       大东镇总工会              0      1       0         0            0           0          0           0                                   1
-------------------------------------------------------------------------------------------------------------------------------------------------
total                              1      3       2         1            1           0          0           0             50.0           20     1
EOF

tab 'table: coverage' 'coverage' <<'EOF'
union-stats coverage: d as of 2025-06-30
org_type        units  unionised  rate  target  needed
key_enterprise      2          1  50.0      85       1
non_public          3          2  66.7      70       1
------------------------------------------------------
total               5          3  60.0      76       2
EOF

tab 'table: aid --by program' 'aid --by program' <<'EOF'
union-stats aid by program: d as of 2025-06-30
program         applications  approved  rejected  paid  pending  requested_amount  approved_amount  paid_amount  average_award
medical_mutual             1         0         1     0        0           3000.00             0.00         0.00
school_aid                 1         1         0     0        0           2000.00          1500.00         0.00        1500.00
winter_warmth              2         2         0     2        0           1300.00          1300.50      1300.50         650.25
------------------------------------------------------------------------------------------------------------------------------
total                      4         3         1     2        0           6300.00          2800.50      1300.50         933.50
EOF

tab 'table: members --by group' 'members --by group' <<'EOF'
union-stats members by group: d as of 2025-06-30
group    members
courier        1
regular        4
----------------
total          5
EOF

tab 'table: age' 'age' <<'EOF'
union-stats age: d as of 2025-06-30
band   members
<18          0
18-24        0
25-34        1
35-44        2
45-54        0
55-59        0
60+          2
--------------
total        5
EOF

# csv NAME ARGS EXPECTED: the CSV of a report (no totals row: programs
# sum for themselves)
csv() {
	test_case "$1" "
		mkdata &&
		union-stats $2 -D d --as-of 2025-06-30 >out 2>err &&
		printf '$3' >expect &&
		test_cmp expect out && test_cmp /dev/null err
	"
}

csv 'csv: members --by town: (no town), no totals row' 'members --by town' \
    'town_id,name,members\n,(no town),2\nU2,高沟镇总工会,2\nU3,大东镇总工会,1\n'
csv 'csv: coverage --by town: (no town), weighted targets' 'coverage --by town' \
    'town_id,name,units,unionised,rate,target,needed\n,(no town),1,1,100.0,70,0\nU2,高沟镇总工会,2,1,50.0,85,1\nU3,大东镇总工会,2,1,50.0,70,1\n'
csv 'csv: aid --by town: (no town) through the roster' 'aid --by town' \
    'town_id,name,applications,approved,rejected,paid,pending,requested_amount,approved_amount,paid_amount,average_award\n,(no town),2,1,1,1,0,3800.00,800.50,800.50,800.50\nU2,高沟镇总工会,1,1,0,1,0,500.00,500.00,500.00,500.00\nU3,大东镇总工会,1,1,0,0,0,2000.00,1500.00,0.00,1500.00\n'
csv 'csv: dues --by town: (no town)' 'dues --by town --month 2025-06' \
    'town_id,name,members,paying,dues\n,(no town),2,2,59.95\nU2,高沟镇总工会,2,1,28.35\nU3,大东镇总工会,1,1,60.00\n'
csv 'csv: cases --by town: (no town)' 'cases --by town' \
    'town_id,name,consultations,cases,closed,resolved,arbitration,litigation,withdrawn,unresolved,resolution_rate,median_days,open\n,(no town),1,1,1,0,1,0,0,0,0.0,30,0\nU2,高沟镇总工会,0,1,1,1,0,0,0,0,100.0,10,0\nU3,大东镇总工会,0,1,0,0,0,0,0,0,,,1\n'
csv 'csv: members --by county: every member under the county' 'members --by county' \
    'county_id,name,members\nU1,涟水县总工会,5\n'

test_case 'json: (no town) has an empty town_id; no totals row' '
	mkdata &&
	union-stats members -D d --by town --format json >out &&
	cat >expect <<-\EOT &&
	[
	{"town_id":"","name":"(no town)","members":2},
	{"town_id":"U2","name":"高沟镇总工会","members":2},
	{"town_id":"U3","name":"大东镇总工会","members":1}
	]
	EOT
	test_cmp expect out
'

test_case 'table: one row, no key: no totals row' '
	mkdata &&
	union-stats members -D d --as-of 2025-06-30 --format table >out &&
	printf "%s\n" "union-stats members: d as of 2025-06-30" "members" \
	    "      5" >expect &&
	test_cmp expect out
'

test_done
