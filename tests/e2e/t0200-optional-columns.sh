#!/bin/sh
# t0200-optional-columns: union-files(5) names, for every data file, the
# columns that may be empty ("May be empty:" and the .Cm lines after it,
# up to the one ending in " ;"), and they are exactly those lib/schema.c
# lets be empty (tests/unit/test_optional.c prints them).
. "$(dirname "$0")/../lib.sh"

man=$TESTS/../man/union-files.5

# from_man: "FILE: COL COL ..." for each .Ss FILE.csv section with a list
from_man() {
	awk '
	/^\.Ss [a-z]+\.csv$/ { file = $2; next }
	/^May be empty:$/ { take = 1; line = file ":"; next }
	take && /^\.Cm / {
		for (i = 2; i <= NF; i++)
			if ($i != "," && $i != ";")
				line = line " " $i
		if ($NF == ";") { print line; take = 0 }
		next
	}
	take { print line " (list not ended by \" ;\")"; take = 0 }
	' "$man"
}

test_case 'union-files(5) lists the columns that may be empty, as the code does' '
	UNION_PRINT_OPTIONAL=1 "$UNION_BUILD/tests/test_optional" >expect &&
	from_man >out &&
	test_cmp expect out
'

test_case 'the list has all six files' '
	from_man | cut -d: -f1 >files.out &&
	printf "%s\n" unions.csv members.csv enterprises.csv programs.csv \
	    aid.csv cases.csv >files.expect &&
	test_cmp files.expect files.out
'

test_done
