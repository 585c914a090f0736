#!/bin/sh
# union-stats reports over a small hand-made data directory whose every
# figure is worked out in the comments: members (--by, --rollup), age,
# dues, growth, coverage, aid, cases.
. "$(dirname "$0")/../lib.sh"

mkdata() {
	mkdir -p d
	cat >d/unions.csv <<-'EOF'
	union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating,status
	U000001,County Union,,county,,government,1990-01-01,,none,active
	U000002,Town A,U000001,town,,government,1995-01-01,,none,active
	U000003,Town B,U000001,town,,government,1995-01-01,,none,active
	U000010,Plant One,U000002,grassroots,91320826MA1K7C9R01,key_enterprise,2000-01-01,,city,active
	U000011,Plant Two,U000002,grassroots,91320826MA1K7C9R02,non_public,2001-01-01,,none,active
	U000012,Shop,U000003,grassroots,91320826MA1K7C9R03,non_public,2002-01-01,,none,active
	U000013,Direct,U000001,grassroots,91320826MA1K7C9R04,social_org,2003-01-01,,none,active
	EOF
	# current members (active, retained): M1 M2 M3 M5 M7 M8 M10;
	# M4 -> M5 is a transfer (same person); M10 joined after June 2025
	cat >d/members.csv <<-'EOF'
	member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship
	M00000001,A,320826199003070112,M,1990-03-07,,U000010,,regular,2020-01-15,active,5678.90,none
	M00000002,B,320826196001010227,F,1960-01-01,,U000010,,courier,2018-06-01,retained,3000,relative
	M00000003,C,320826200006150316,M,2000-06-15,,U000011,,regular,2024-02-10,active,12000,none
	M00000004,D,320826198505200429,F,1985-05-20,,U000012,,food_delivery,2019-03-01,transferred,4000,none
	M00000005,D,320826198505200429,F,1985-05-20,,U000011,,food_delivery,2024-03-05,active,4500,none
	M00000006,E,320826197008120538,M,1970-08-12,,U000012,,regular,2010-01-01,left,6000,deep
	M00000007,F,320826199501010649,F,1995-01-01,,U000013,,regular,2024-11-20,active,,none
	M00000008,G,320826200803010754,M,2008-03-01,,U000012,,regular,2025-01-02,active,2009.99,none
	M00000009,H,320826195806300868,F,1958-06-30,,U000010,,regular,2000-05-05,deceased,,none
	M00000010,I,320826199003070972,M,1990-03-07,,U000010,,regular,2025-07-01,active,9999.99,none
	EOF
	# key_enterprise 7 units, 5 with a union; non_public 10, 6;
	# social_org 2, 2; government 1, 0.  Town A: key 4/3, non_public
	# 6/4, government 1/0; town B: key 3/2, non_public 4/2, social 2/2.
	{
	echo "credit_code,name,org_type,employees,town_id,union_id"
	for i in 1 2 3 4; do echo "K$i,k$i,key_enterprise,100,U000002,$([ $i -le 3 ] && echo U00001$i)"; done
	for i in 5 6 7; do echo "K$i,k$i,key_enterprise,100,U000003,$([ $i -le 6 ] && echo U00001$i)"; done
	for i in 1 2 3 4 5 6; do echo "N$i,n$i,non_public,10,U000002,$([ $i -le 4 ] && echo U00002$i)"; done
	for i in 7 8 9 10; do echo "N$i,n$i,non_public,10,U000003,$([ $i -le 8 ] && echo U00002$i)"; done
	echo "S1,s1,social_org,5,U000003,U000031"
	echo "S2,s2,social_org,5,U000003,U000032"
	echo "G1,g1,government,50,U000002,"
	} >d/enterprises.csv
	cat >d/aid.csv <<-'EOF'
	aid_id,member_id,program,applied,requested,status,decided,approved,paid_on,paid,reviewer,voucher,note
	A0000001,M00000001,winter_warmth,2025-01-10,500,paid,2025-01-12,500,2025-01-20,500,r,v1,
	A0000002,M00000002,school_aid,2025-02-01,2000,approved,2025-02-03,1500.50,,,r,,
	A0000003,M00000003,winter_warmth,2025-01-15,800,rejected,2025-01-16,,,,r,,
	A0000004,M00000005,medical_mutual,2024-12-20,3000,paid,2024-12-28,2999.99,2025-01-05,2999.99,r,v2,
	A0000005,M00000008,winter_warmth,2025-03-01,300,applied,,,,,,,
	EOF
	cat >d/cases.csv <<-'EOF'
	case_id,type,member_id,union_id,kind,channel,opened,status,closed,outcome,handler,summary
	C000001,consultation,M00000001,U000010,wage_arrears,phone,2025-01-05,closed,2025-01-05,resolved,h,
	C000002,case,M00000003,U000011,wage_arrears,visit,2025-01-10,closed,2025-01-20,resolved,h,
	C000003,case,,U000012,dismissal,online,2025-02-01,closed,2025-03-03,arbitration,h,
	C000004,case,M00000005,U000011,work_injury,visit,2025-03-01,mediating,,,h,
	C000005,case,M00000008,U000012,wage_arrears,referral,2024-11-11,closed,2024-11-16,resolved,h,
	C000006,case,,U000013,labour_contract,phone,2025-04-01,open,,,h,
	EOF
}

# t NAME EXPECTED COMMAND...: the command's standard output is EXPECTED
# (printf format) and it exits 0
t() {
	name=$1 expected=$2
	shift 2
	test_case "$name" "
		mkdata &&
		$* >out 2>err &&
		printf '$expected' >expect &&
		test_cmp expect out && test_cmp /dev/null err
	"
}

t 'members: current members' \
    'members\n7\n' \
    union-stats -D d members
t 'members --by union, with names' \
    'union_id,name,members\nU000010,Plant One,3\nU000011,Plant Two,2\nU000012,Shop,1\nU000013,Direct,1\n' \
    union-stats members -D d --by union
t 'members --by town: the town above; none for a union under the county' \
    'town_id,name,members\n,(no town),1\nU000002,Town A,5\nU000003,Town B,1\n' \
    union-stats members -D d --by town
t 'members --by county' \
    'county_id,name,members\nU000001,County Union,7\n' \
    union-stats members -D d --by county
t 'members --by group' \
    'group,members\ncourier,1\nfood_delivery,1\nregular,5\n' \
    union-stats members -D d --by group
t 'members --by gender' \
    'gender,members\nF,3\nM,4\n' \
    union-stats members -D d --by gender
t 'members --by hardship' \
    'hardship,members\nnone,6\nrelative,1\n' \
    union-stats members -D d --by hardship
t 'members --by status counts every row' \
    'status,members\nactive,6\ndeceased,1\nleft,1\nretained,1\ntransferred,1\n' \
    union-stats members -D d --by status
t 'members --by age, as of a date' \
    'age,members\n<18,1\n18-24,0\n25-34,2\n35-44,3\n45-54,0\n55-59,0\n60+,1\n' \
    union-stats members -D d --by age --as-of 2025-06-30
t 'members --rollup: own count and total beneath, depth first' \
    'union_id,name,level,parent_id,members,total\nU000001,County Union,county,,0,7\nU000002,Town A,town,U000001,0,5\nU000010,Plant One,grassroots,U000002,3,3\nU000011,Plant Two,grassroots,U000002,2,2\nU000003,Town B,town,U000001,0,1\nU000012,Shop,grassroots,U000003,1,1\nU000013,Direct,grassroots,U000001,1,1\n' \
    union-stats members -D d --rollup

test_case 'members --rollup --format table indents the names' '
	mkdata &&
	union-stats members -D d --rollup --format table >out &&
	test_grep "^U000001   County Union   county " out &&
	test_grep "^U000002     Town A       town " out &&
	test_grep "^U000010       Plant One  grassroots " out
'

t 'age: default bands as of --as-of' \
    'band,members\n<18,1\n18-24,0\n25-34,2\n35-44,3\n45-54,0\n55-59,0\n60+,1\n' \
    union-stats age -D d --as-of 2025-06-30
t 'age --bands' \
    'band,members\n<30,2\n30-49,4\n50+,1\n' \
    union-stats age -D d --as-of 2025-06-30 --bands 30,50

# dues for June 2025: M1 5678.90 -> 28.35, M3 12000 -> 60.00, M5 4500 ->
# 22.50, M8 2009.99 -> 2000 -> 10.00; M2 retained pays none, M7 has no
# wage, M10 joined in July (9999.99 -> 9990 -> 49.95)
t 'dues: exact to the fen, retained members pay none' \
    'members,paying,dues\n6,4,120.85\n' \
    union-stats dues -D d --month 2025-06
t 'dues --month defaults to the month of --as-of' \
    'members,paying,dues\n6,4,120.85\n' \
    union-stats dues -D d --as-of 2025-06-15
t 'dues counts a member from the month joined' \
    'members,paying,dues\n7,5,170.80\n' \
    union-stats dues -D d --month 2025-07
t 'dues --by union' \
    'union_id,name,members,paying,dues\nU000010,Plant One,2,1,28.35\nU000011,Plant Two,2,2,82.50\nU000012,Shop,1,1,10.00\nU000013,Direct,1,0,0.00\n' \
    union-stats dues -D d --month 2025-06 --by union
t 'dues --by town' \
    'town_id,name,members,paying,dues\n,(no town),1,0,0.00\nU000002,Town A,4,3,110.85\nU000003,Town B,1,1,10.00\n' \
    union-stats dues -D d --month 2025-06 --by town

# growth without a journal: M4 -> M5 is a transfer in 2024 (the new
# membership's join date); the dates of leaving (M6, M9) are unknown
t 'growth --by year' \
    'year,joined,left,transferred_in,transferred_out,net\n2000,1,0,0,0,1\n2010,1,0,0,0,1\n2018,1,0,0,0,1\n2019,1,0,0,0,1\n2020,1,0,0,0,1\n2024,2,0,1,1,2\n2025,2,0,0,0,2\nunknown,0,2,0,0,-2\n' \
    union-stats growth -D d --by year
t 'growth by month' \
    'month,joined,left,transferred_in,transferred_out,net\n2000-05,1,0,0,0,1\n2010-01,1,0,0,0,1\n2018-06,1,0,0,0,1\n2019-03,1,0,0,0,1\n2020-01,1,0,0,0,1\n2024-02,1,0,0,0,1\n2024-03,0,0,1,1,0\n2024-11,1,0,0,0,1\n2025-01,1,0,0,0,1\n2025-07,1,0,0,0,1\nunknown,0,2,0,0,-2\n' \
    union-stats growth -D d

# coverage: key 5/7 -> 71.4%%, target 85%% needs ceil(5.95) - 5 = 1;
# non_public 6/10 needs ceil(7) - 6 = 1; social_org 2/2 none
t 'coverage by org_type against the default targets' \
    'org_type,units,unionised,rate,target,needed\ngovernment,1,0,0.0,,0\nkey_enterprise,7,5,71.4,85,1\nnon_public,10,6,60.0,70,1\nsocial_org,2,2,100.0,70,0\n' \
    union-stats coverage -D d
t 'coverage --target overrides and adds' \
    'org_type,units,unionised,rate,target,needed\ngovernment,1,0,0.0,50,1\nkey_enterprise,7,5,71.4,100,2\nnon_public,10,6,60.0,62.5,1\nsocial_org,2,2,100.0,70,0\n' \
    union-stats coverage -D d --target key_enterprise=100 --target government=50 --target non_public=62.5
t 'coverage --by town sums what each type needs; target weighted by units' \
    'town_id,name,units,unionised,rate,target,needed\nU000002,Town A,11,7,63.6,69.09,2\nU000003,Town B,9,6,66.7,75,2\n' \
    union-stats coverage -D d --by town

t 'aid: all applications' \
    'applications,approved,rejected,paid,pending,requested_amount,approved_amount,paid_amount,average_award\n5,3,1,2,1,6600.00,5000.49,3499.99,1666.83\n' \
    union-stats aid -D d
t 'aid --year by the date applied' \
    'applications,approved,rejected,paid,pending,requested_amount,approved_amount,paid_amount,average_award\n4,2,1,1,1,3600.00,2000.50,500.00,1000.25\n' \
    union-stats aid -D d --year 2025
t 'aid --by program' \
    'program,applications,approved,rejected,paid,pending,requested_amount,approved_amount,paid_amount,average_award\nmedical_mutual,1,1,0,1,0,3000.00,2999.99,2999.99,2999.99\nschool_aid,1,1,0,0,0,2000.00,1500.50,0.00,1500.50\nwinter_warmth,3,1,1,1,1,1600.00,500.00,500.00,500.00\n' \
    union-stats aid -D d --by program
t 'aid --by month' \
    'month,applications,approved,rejected,paid,pending,requested_amount,approved_amount,paid_amount,average_award\n2024-12,1,1,0,1,0,3000.00,2999.99,2999.99,2999.99\n2025-01,2,1,1,1,0,1300.00,500.00,500.00,500.00\n2025-02,1,1,0,0,0,2000.00,1500.50,0.00,1500.50\n2025-03,1,0,0,0,1,300.00,0.00,0.00,\n' \
    union-stats aid -D d --by month
t 'aid --by town through the roster' \
    'town_id,name,applications,approved,rejected,paid,pending,requested_amount,approved_amount,paid_amount,average_award\nU000002,Town A,4,3,1,2,0,6300.00,5000.49,3499.99,1666.83\nU000003,Town B,1,0,0,0,1,300.00,0.00,0.00,\n' \
    union-stats aid -D d --by town

# cases: C2 10 days, C3 30, C5 5; the consultation is counted apart
t 'cases: resolution rate and median days to close' \
    'consultations,cases,closed,resolved,arbitration,litigation,withdrawn,unresolved,resolution_rate,median_days,open\n1,5,3,2,1,0,0,0,66.7,10,2\n' \
    union-stats cases -D d
t 'cases --year: a median halfway between two' \
    'consultations,cases,closed,resolved,arbitration,litigation,withdrawn,unresolved,resolution_rate,median_days,open\n1,4,2,1,1,0,0,0,50.0,20,2\n' \
    union-stats cases -D d --year 2025
t 'cases --by kind' \
    'kind,consultations,cases,closed,resolved,arbitration,litigation,withdrawn,unresolved,resolution_rate,median_days,open\ndismissal,0,1,1,0,1,0,0,0,0.0,30,0\nlabour_contract,0,1,0,0,0,0,0,0,,,1\nwage_arrears,1,2,2,2,0,0,0,0,100.0,7.5,0\nwork_injury,0,1,0,0,0,0,0,0,,,1\n' \
    union-stats cases -D d --by kind
t 'cases --by channel' \
    'channel,consultations,cases,closed,resolved,arbitration,litigation,withdrawn,unresolved,resolution_rate,median_days,open\nonline,0,1,1,0,1,0,0,0,0.0,30,0\nphone,1,1,0,0,0,0,0,0,,,1\nreferral,0,1,1,1,0,0,0,0,100.0,5,0\nvisit,0,2,1,1,0,0,0,0,100.0,10,1\n' \
    union-stats cases -D d --by channel
t 'cases --by town' \
    'town_id,name,consultations,cases,closed,resolved,arbitration,litigation,withdrawn,unresolved,resolution_rate,median_days,open\n,(no town),0,1,0,0,0,0,0,0,,,1\nU000002,Town A,1,2,1,1,0,0,0,0,100.0,10,1\nU000003,Town B,0,2,2,1,1,0,0,0,50.0,17.5,0\n' \
    union-stats cases -D d --by town
t 'cases --by month opened' \
    'month,consultations,cases,closed,resolved,arbitration,litigation,withdrawn,unresolved,resolution_rate,median_days,open\n2024-11,0,1,1,1,0,0,0,0,100.0,5,0\n2025-01,1,1,1,1,0,0,0,0,100.0,10,0\n2025-02,0,1,1,0,1,0,0,0,0.0,30,0\n2025-03,0,1,0,0,0,0,0,0,,,1\n2025-04,0,1,0,0,0,0,0,0,,,1\n' \
    union-stats cases -D d --by month

test_case 'UNION_DATA finds the data directory' '
	mkdata &&
	UNION_DATA=d union-stats members >out &&
	printf "members\n7\n" >expect && test_cmp expect out
'

test_case 'report errors: bad --by, --year, --month, --bands, --target, operands' '
	mkdata &&
	test_status 2 union-stats members -D d --by shoe 2>err &&
	test_grep "^union-stats: --by: '"'"'shoe'"'"': expected union, town, county, group, gender, age, hardship, status$" err &&
	test_status 2 union-stats aid -D d --year 20x5 2>err &&
	test_grep "^union-stats: --year: '"'"'20x5'"'"': expected a year such as 2025$" err &&
	test_status 2 union-stats dues -D d --month 2025-13 2>err &&
	test_grep "^union-stats: --month: '"'"'2025-13'"'"': expected YYYY-MM$" err &&
	test_status 2 union-stats age -D d --bands 30,20 2>err &&
	test_grep "^union-stats: --bands: '"'"'30,20'"'"': expected ages in rising order, such as 18,25,35,45,55,60$" err &&
	test_status 2 union-stats coverage -D d --target shop=5 2>err &&
	test_grep "^union-stats: --target: '"'"'shop=5'"'"': expected TYPE=PCT" err &&
	test_status 2 union-stats coverage -D d --target social_org=101 2>err &&
	test_grep "^union-stats: --target: '"'"'social_org=101'"'"': expected a percentage from 0 to 100$" err &&
	test_status 2 union-stats members -D d extra 2>err &&
	test_grep "^union-stats: unexpected argument '"'"'extra'"'"'$" err &&
	test_status 2 union-stats members -D d --rollup --by town 2>err &&
	test_grep "^union-stats: --rollup and --by cannot be used together$" err
'

test_case 'a missing data file is exit 2' '
	mkdir empty &&
	test_status 2 union-stats members -D empty >out 2>err &&
	test_cmp_text err "union-stats: empty: no members.csv in the data directory"
'

test_case 'a file lacking a required column is exit 2' '
	mkdata &&
	sed "1s/,hardship$//; 2,\$s/,[a-z]*$//" d/members.csv >m && mv m d/members.csv &&
	test_status 2 union-stats members -D d >out 2>err &&
	test_grep "members.csv:1: hardship: required column missing" err
'

test_case 'a malformed row is reported and skipped, exit 1' '
	mkdata &&
	echo "M00000099,broken" >>d/members.csv &&
	test_status 1 union-stats members -D d >out 2>err &&
	printf "members\n7\n" >expect && test_cmp expect out &&
	test_cmp_text err "union-stats: d/members.csv:12: expected 13 fields, found 2"
'

test_done
