# tests/people.sh - candidates for union-enroll add, for the test
# scripts that enroll many people (source it after lib.sh).

H=name,id_number,phone,union_id,employer,group,join_date,wage,hardship

# people FROM N: a header and N candidates, P<FROM>.., with valid,
# distinct ID numbers (the GB 11643 check character computed), all for
# the county union U000001
people() {
	awk -v from="$1" -v n="$2" -v h="$H" 'BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		print h
		for (i = from; i < from + n; i++) {
			s = sprintf("%06d19900101%03d", 320800 + int(i / 1000), i % 1000)
			t = 0
			for (k = 1; k <= 17; k++)
				t += substr(s, k, 1) * w[k]
			printf "P%d,%s%s,13800000000,U000001,Acme,regular,2020-01-01,3000,none\n",
			    i, s, substr("10X98765432", t % 11 + 1, 1)
		}
	}'
}
