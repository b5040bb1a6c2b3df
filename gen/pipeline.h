/* pipeline.h: the generator's stages in their one order, for every program
 * that runs them (replygen, the fuzz targets, the tests):
 *
 *   load (yaml_tree) -> check (spec_check) -> model -> render (template) -> write (emit)
 *
 * Each stage reads what the one before it made and never calls back. */
#ifndef REPLYGEN_PIPELINE_H
#define REPLYGEN_PIPELINE_H

#include "diag.h"
#include "emit.h"
#include "sha256.h"
#include "spec.h"
#include "template.h"
#include "value.h"
#include "yaml_tree.h"

#include <stdbool.h>
#include <stddef.h>

/* A spec as loaded and checked. Its arena holds the YAML tree, which the
 * spec's strings point into (no later stage reads the tree itself: the
 * spec keeps every place it needs), and the model built from it. */
struct pipeline_spec {
    struct value_arena arena;
    struct spec spec;
    bool checked;                              /* spec holds a checked spec (to free) */
    unsigned char sha256[SHA256_DIGEST_BYTES]; /* of the spec's bytes: the model's spec_hash */
};

/* Load and check the spec at path (or in bytes, named name), and that its
 * model keeps to its budget (model_check_size). Returns 0, or
 * -1 after reporting every problem; free *out with pipeline_spec_free either
 * way. path (name) must outlive *out: marks point at it. */
int pipeline_load(const char *path, const struct yaml_limits *limits, struct pipeline_spec *out, struct diag *diag);
int pipeline_load_bytes(const char *name, const char *bytes, size_t length, const struct yaml_limits *limits,
                        struct pipeline_spec *out, struct diag *diag);
void pipeline_spec_free(struct pipeline_spec *loaded);

/* The model of a checked spec, in its arena (see model_build). */
struct value *pipeline_model(struct pipeline_spec *loaded, const char *spec_path, const char *date);

/* The output templates of a folder: every NAME.mustache not starting with
 * '_' or '.' (those are partials and hidden files), sorted by name. Each is
 * parsed when first rendered and kept for the next model (parsed again if
 * that model's output name asks for another escaping). */
struct pipeline_template {
    char *file_name;       /* "{{prefix}}_replies.h.mustache" */
    struct tmpl *parsed;   /* NULL until rendered */
    enum escape_lang lang; /* what parsed escapes for */
};

struct pipeline_templates {
    char *dir;
    struct pipeline_template *items;
    size_t count;
    bool strict_names; /* a tag naming no value of the model is an error, not a warning */
};

/* Returns 0, or -1 after a diagnostic (no such folder, no template in it). */
int pipeline_templates_open(const char *dir, struct pipeline_templates *out, struct diag *diag);
void pipeline_templates_close(struct pipeline_templates *templates);

/* What to render: every template, or only those whose output is named in
 * only; names_only: name the outputs without rendering them. */
struct pipeline_selection {
    const char *const *only;
    size_t only_count;
    bool names_only;
};

/* The name of the file a template gives: its name (without a folder)
 * less ".mustache", itself rendered with model ("{{prefix}}_replies.h" ->
 * "smtp_replies.h"); its extension chooses the escaping. NULL after a
 * diagnostic, also when the result is no usable file name (empty, ".",
 * "..", or holding a '/' or a NUL). To free. */
char *pipeline_output_name(const char *template_name, const struct value *model, struct diag *diag);

/* Render each selected template with model into outputs (named by the
 * template's name, itself rendered: "{{prefix}}_replies.h" -> "smtp_replies.h";
 * with names_only, each without data); the names of the outputs the
 * selection leaves out go into skipped. Returns 0, or -1 after reporting
 * every problem (a template that fails, a name in only that no template
 * gives). */
int pipeline_render(struct pipeline_templates *templates, const struct value *model,
                    const struct pipeline_selection *selection, struct output_set *outputs, struct output_set *skipped,
                    struct diag *diag);

#endif
