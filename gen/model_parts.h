/* model_parts.h: the pieces model.c and model_enhanced.c share. */
#ifndef REPLYGEN_MODEL_PARTS_H
#define REPLYGEN_MODEL_PARTS_H

#include "spec.h"
#include "value.h"

/* A new copy of name in upper case; the caller frees it. */
char *model_upper(const char *name);
/* Set "name" and "NAME". */
void model_set_names(struct value *map, const char *name);
/* Set "is_last" on every map of list. */
void model_mark_last(struct value *list);
/* Set "refs" (id, section, label, title, url) and "refs_text" (labels joined). */
void model_set_citations(struct value *map, const struct spec_citations *citations);
/* A list of {code, NAME, is_last}. */
struct value *model_code_refs(const struct spec_code_list *codes);

/* The "enhanced" map, or NULL when the spec has no enhanced codes. */
struct value *model_enhanced(const struct spec *spec);
/* Give each entry of codes (the model's list) the enhanced codes that go
 * with it: "enhanced", a list of {code, name, NAME, text, is_last}. */
void model_link_enhanced(struct value *codes, const struct spec *spec);

#endif
