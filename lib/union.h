/*
 * union.h - the one header a command includes: the shared core of the
 * union tools.  Each concern lives in its own header and source file:
 *
 *	util.h		memory, buffers, hash maps
 *	diag.h		messages, exit codes, progress
 *	cli.h		options, common flags, subcommand dispatch
 *	table.h		reading CSV/TSV/gzip/GB18030
 *	out.h		writing csv/tsv/table/json/jsonl/html
 *	valid.h		IDs, credit codes, phones, dates, money, masking
 *	schema.h	the column rules of every data file
 *	datadir.h	the data directory, its lock, transactions
 *	journal.h	the tamper-evident journal and file digests
 *	arena.h		bump allocation freed all at once
 *	sheet.h		rewriting a data file: in memory or streamed
 *	programs.h	the default aid programmes
 */
#ifndef UNION_H
#define UNION_H



#include "util.h"
#include "diag.h"
#include "table.h"
#include "out.h"
#include "cli.h"
#include "valid.h"
#include "schema.h"
#include "datadir.h"
#include "journal.h"
#include "arena.h"
#include "sheet.h"
#include "programs.h"

#endif
