/* lookup_baselines.h: what a user would write instead of the generated
 * lookup and switch classifiers, over the generated table itself (smtp_replies[] is
 * sorted by code). Compiled in their own file, as the generated code is in
 * its own library, so every candidate is an out-of-line call. */
#ifndef BENCH_LOOKUP_BASELINES_H
#define BENCH_LOOKUP_BASELINES_H

#include "smtp_replies.h"

/* Fill the dense tables from smtp_replies[] and the generated classifiers. */
void lookup_baselines_init(void);

/* (a) A 1000-entry array of pointers indexed by the code. */
const struct smtp_reply_info *dense_lookup(int code);
/* (b) The C library's bsearch() over smtp_replies[], with a comparator. */
const struct smtp_reply_info *bsearch_lookup(int code);
/* (b') The same search written out by hand, no comparator calls. */
const struct smtp_reply_info *binary_lookup(int code);
/* (c) A scan of smtp_replies[] from the start. */
const struct smtp_reply_info *linear_lookup(int code);

/* The dense-array versions of smtp_reply_class_of() and
 * smtp_reply_role_for(): one byte per code (and per command). */
enum smtp_reply_class dense_class_of(int code);
enum smtp_reply_role dense_role_for(enum smtp_command command, int code);

#endif
