/* template.h: the Mustache engine. A template is parsed once, together with
 * the partials it names, then rendered against any number of value trees.
 * It follows the core modules of the Mustache spec (interpolation, sections,
 * inverted, comments, partials, delimiters); lambdas, dynamic names and
 * inheritance are not supported. */
#ifndef REPLYGEN_TEMPLATE_H
#define REPLYGEN_TEMPLATE_H

#include "buffer.h"
#include "diag.h"
#include "escape.h"
#include "value.h"

#include <stdbool.h>
#include <stddef.h>

struct tmpl;

/* Parse the template file at path; {{x}} escapes for lang, the language of
 * the output it renders (escape_lang_for_output of the rendered name).
 * Partials are read from the template's folder. Returns 0 and *out, or
 * reports each syntax error as FILE:LINE:COL: error: ... and returns -1. A
 * partial that does not exist renders as nothing, after a warning. */
int tmpl_load(const char *path, enum escape_lang lang, struct tmpl **out, struct diag *diag);

/* The same for template text in memory (copied; the caller keeps its own).
 * name is used in diagnostics; {{> p}} reads p.mustache from partial_dir
 * (NULL: no partials, each renders as nothing after a warning). */
int tmpl_parse(const char *name, const char *partial_dir, const char *text, size_t length, enum escape_lang lang,
               struct tmpl **out, struct diag *diag);

/* Render with data (not NULL) as the root context, appending to out.
 * Returns 0, or -1 after a diagnostic with out left as it was: a template
 * that recurses too deep, runs too long or writes too much is stopped. */
int tmpl_render(const struct tmpl *tmpl, const struct value *data, struct buffer *out, struct diag *diag);

/* What one render may take before it is stopped: steps (nodes, list items
 * and context lookups) and bytes of output. Rendering a reply table needs a
 * small fraction of the defaults; the fuzz target lowers them, so that an
 * input reaching a limit costs milliseconds, not seconds. */
struct tmpl_limits {
    unsigned long steps;
    size_t output_bytes; /* whole MiB, as messages say it in MiB */
};
extern const struct tmpl_limits tmpl_default_limits;

/* tmpl_render() within other limits. */
int tmpl_render_within(const struct tmpl *tmpl, const struct value *data, const struct tmpl_limits *limits,
                       struct buffer *out, struct diag *diag);

/* tmpl_render, then a warning at its file:line:col for each tag whose
 * name was looked up while rendering and never found (for a dotted name,
 * not all of its parts), so that a misspelt name does not silently render
 * as nothing. A key whose value is null counts as found: the model sets
 * every key it may have. as_errors: errors instead, and -1 with out left as
 * it was (replygen --strict-templates). A tag in a section that never
 * renders is not looked up, so not reported. */
int tmpl_render_checked(const struct tmpl *tmpl, const struct value *data, struct buffer *out, bool as_errors,
                        struct diag *diag);

/* Free the template and its partials; NULL is allowed. */
void tmpl_delete(struct tmpl *tmpl);

#endif
