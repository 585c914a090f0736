/*
 * help.h - the --help text of each union-stats command.
 */
#ifndef UNION_STATS_HELP_H
#define UNION_STATS_HELP_H

/*
 * stats_help: print the --help of the command that usage names
 * ("union-stats NAME ...") to standard output and exit 0 (2 when the
 * write fails).  A command without a text of its own gets usage.
 */
_Noreturn void	stats_help(const char *usage);

#endif
