# gen-roster.awk - a member roster for benchmarks, like members.csv of
# DESIGN.md: 13 columns, Chinese names and employers, about one row in
# twenty with a quoted employer (a comma inside) and one in a hundred
# with a quoted note-like name holding doubled quotes.  -v quoted=1
# quotes every employer (a quote-heavy roster; the share, default 0.05).
#
#	mawk -v n=1000000 -f tests/bench/gen-roster.awk > /tmp/roster.csv
BEGIN {
	srand(1)
	if (n == "")
		n = 1000000
	if (quoted == "")
		quoted = 0.05
	ns = split("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 罗 高", sur, " ")
	ng = split("伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞", giv, " ")
	ne = split("深圳市华强电子有限公司 南山区物流服务中心 宝安区家政服务合作社 龙岗区快递网点 福田区商场管理公司 罗湖区保安服务公司", emp, " ")
	nq = split("regular regular regular regular truck_driver courier care_worker domestic_worker food_delivery ride_hailing", grp, " ")
	nh = split("none none none none none none relative deep accidental none", hard, " ")
	print "member_id,name,id_number,gender,birth_date,phone,union_id,employer,group,join_date,status,wage,hardship"
	for (i = 1; i <= n; i++) {
		name = sur[int(rand() * ns) + 1] giv[int(rand() * ng) + 1]
		y = 1960 + int(rand() * 45); m = 1 + int(rand() * 12); d = 1 + int(rand() * 28)
		birth = sprintf("%04d-%02d-%02d", y, m, d)
		idn = sprintf("440305%04d%02d%02d%03d%s", y, m, d, int(rand() * 1000), (rand() < 0.1 ? "X" : int(rand() * 10)))
		gender = rand() < 0.5 ? "M" : "F"
		phone = sprintf("1%d%09d", 3 + int(rand() * 7), int(rand() * 1000000000))
		e = emp[int(rand() * ne) + 1]
		if (rand() < quoted)
			e = "\"" e ",第" int(rand() * 9 + 1) "分部\""
		if (rand() < 0.01)
			name = "\"" name "(\"\"小" name "\"\")\""
		join = sprintf("%04d-%02d-%02d", 2005 + int(rand() * 18), m, d)
		wage = sprintf("%d.%02d", 2360 + int(rand() * 20000), int(rand() * 100))
		printf "M%08d,%s,%s,%s,%s,%s,U%05d,%s,%s,%s,active,%s,%s\n", i, name, idn, gender, birth, phone, int(rand() * 29000), e, grp[int(rand() * nq) + 1], join, wage, hard[int(rand() * nh) + 1]
	}
}
