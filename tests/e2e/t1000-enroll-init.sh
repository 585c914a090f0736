#!/bin/sh
# union-enroll init: a data directory with every file, headers only,
# the default programmes and a journal; never over existing files.
. "$(dirname "$0")/../lib.sh"

test_case 'init creates every data file with its header' '
	test_status 0 union-enroll init d >out 2>err &&
	test ! -s out && test ! -s err &&
	test_cmp_text d/unions.csv "union_id,name,parent_id,level,credit_code,org_type,founded,chair,home_rating,status" &&
	test_cmp_text d/members.csv "member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship" &&
	test_cmp_text d/enterprises.csv "credit_code,name,org_type,employees,town_id,union_id" &&
	test_cmp_text d/aid.csv "aid_id,member_id,program,applied,requested,status,decided,approved,paid_on,paid,reviewer,voucher,note" &&
	test_cmp_text d/cases.csv "case_id,type,member_id,union_id,kind,channel,opened,status,closed,outcome,handler,summary"
'

test_case 'init installs the eight default programmes' '
	union-enroll init d &&
	cat >expect <<-\EOF &&
	program,title,max_award,annual_cap,min_member_days,requires_hardship,budget,active
	winter_warmth,送温暖,2000.00,2000.00,180,yes,,yes
	school_aid,金秋助学,5000.00,5000.00,365,yes,,yes
	medical_mutual,职工互助医疗,20000.00,50000.00,90,no,,yes
	hardship_relief,困难帮扶,3000.00,6000.00,180,yes,,yes
	accident,意外伤害,10000.00,30000.00,30,no,,yes
	critical_illness,重大疾病,50000.00,50000.00,365,no,,yes
	death_benefit,身故,20000.00,20000.00,0,no,,yes
	third_party,第三者责任,10000.00,20000.00,30,no,,yes
	EOF
	test_cmp expect d/programs.csv
'

test_case 'init journals each file it creates, by --by' '
	UNION_NOW=2026-01-01T00:00:00Z union-enroll init --by 王芳 d &&
	cut -d, -f1-8 d/journal.csv >actual &&
	cat >expect <<-\EOF &&
	seq,time,user,tool,action,file,key,detail
	1,2026-01-01T00:00:00Z,王芳,union-enroll,init,unions.csv,,created
	2,2026-01-01T00:00:00Z,王芳,union-enroll,init,members.csv,,created
	3,2026-01-01T00:00:00Z,王芳,union-enroll,init,enterprises.csv,,created
	4,2026-01-01T00:00:00Z,王芳,union-enroll,init,programs.csv,,created with the default programmes
	5,2026-01-01T00:00:00Z,王芳,union-enroll,init,aid.csv,,created
	6,2026-01-01T00:00:00Z,王芳,union-enroll,init,cases.csv,,created
	EOF
	test_cmp expect actual
'

test_case 'init takes the user from $USER' '
	union-enroll init d &&
	test "$(sed -n 2p d/journal.csv | cut -d, -f3)" = tester
'

test_case 'init --hash sm3 makes an sm3 journal' '
	union-enroll init --hash sm3 d &&
	sed -n 2p d/journal.csv | grep -q ",sm3:[0-9a-f]*,sm3:[0-9a-f]*\$"
'

test_case 'init refuses an unknown hash' '
	test_status 2 union-enroll init --hash md5 d 2>err &&
	test_cmp_text err "union-enroll: --hash: '\''md5'\'': must be sha256 or sm3
union-enroll: see '\''union-enroll --help'\''" &&
	test ! -e d
'

test_case 'init uses -D, then $UNION_DATA, then the current directory' '
	union-enroll -D a init && test -f a/members.csv &&
	UNION_DATA=b union-enroll init && test -f b/members.csv &&
	mkdir c && (cd c && union-enroll init) && test -f c/members.csv
'

test_case 'init creates files readable by owner and group only' '
	union-enroll init d &&
	test "$(ls -l d/members.csv | cut -c1-10)" = "-rw-r-----"
'

test_case 'init refuses to overwrite, naming every existing file' '
	mkdir d && echo keep >d/members.csv && echo keep >d/journal.csv &&
	test_status 1 union-enroll init d 2>err &&
	test_cmp_text err "union-enroll: d/members.csv: already exists
union-enroll: d/journal.csv: already exists" &&
	test_cmp_text d/members.csv keep && test ! -e d/unions.csv
'

test_case 'init twice leaves the first directory as it was' '
	union-enroll init d && cp d/journal.csv j &&
	test_status 1 union-enroll init d 2>err &&
	test "$(wc -l <err)" -eq 7 && test_cmp j d/journal.csv
'

test_case 'init refuses a DIR it cannot create' '
	test_status 2 union-enroll init no/such/dir 2>err &&
	test_cmp_text err "union-enroll: no/such/dir: No such file or directory"
'

test_case 'init refuses two directories' '
	test_status 2 union-enroll init a b 2>err &&
	test_cmp_text err "union-enroll: init: give one DIR
union-enroll: see '\''union-enroll --help'\''"
'

test_case 'init --help prints the usage' '
	test_status 0 union-enroll init --help >out &&
	test_grep "^usage: union-enroll init" out
'

test_case 'an unknown option is a usage error' '
	test_status 2 union-enroll init --bogus 2>err &&
	test_cmp_text err "union-enroll: unknown option '\''--bogus'\''
union-enroll: see '\''union-enroll init --help'\''"
'

test_case 'union-enroll --help lists the commands' '
	test_status 0 union-enroll --help >out &&
	for c in init add check transfer leave found dissolve reindex; do
		test_grep "^  $c " out || return 1
	done
'

test_case 'an unknown command is a usage error' '
	test_status 2 union-enroll enrol 2>err &&
	test_cmp_text err "union-enroll: '\''enrol'\'' is not a command
union-enroll: see '\''union-enroll --help'\''"
'

test_done
