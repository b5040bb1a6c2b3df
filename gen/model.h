/* model.h: the values templates see, made from a checked spec.
 * templates/README.md documents every key; `replygen --dump-model` prints it. */
#ifndef REPLYGEN_MODEL_H
#define REPLYGEN_MODEL_H

#include "sha256.h"
#include "spec.h"
#include "value.h"

/* The budget of a model: its one part that could grow faster than the
 * spec, the commands' replies (each command's own codes and, for most, the
 * common errors: commands x common errors), may hold at most this many
 * replies per node of the spec's YAML. Real specs need a small fraction of
 * one (spec/ftp.yaml: 364 replies, 3,800 nodes); at the node limit it
 * keeps each output to some 16 MB (role_for's switch, one line a reply). */
enum {
    MODEL_REPLIES_PER_NODE = 4
};

/* Returns 0 when the model of spec, read from spec_nodes YAML nodes, keeps
 * to the budget; else -1 after an error at the command whose replies pass
 * it. Linear in the spec's lists. */
int model_check_size(const struct spec *spec, size_t spec_nodes, struct diag *diag);

/* Build the model of spec in arena. Its strings are the spec's own, so the
 * spec's strings must outlive the model. spec_path is how the spec is named
 * in the "generated from" line (only its file name is used, so that output
 * does not depend on where the spec lies). date is "YYYY-MM-DD" or NULL for
 * none. */
struct value *model_build(struct value_arena *arena, const struct spec *spec, const char *spec_path, const char *date);

/* Set the model's spec_hash (the first 16 hex digits of digest, the
 * SHA-256 of the spec's bytes: what the generated header compares at
 * compile time) and spec_sha256 (all 64). */
void model_set_spec_hash(struct value_arena *arena, struct value *model,
                         const unsigned char digest[SHA256_DIGEST_BYTES]);

/* The date SOURCE_DATE_EPOCH asks for, as YYYY-MM-DD in UTC, written into
 * out (at least 11 bytes); NULL when it is unset. Returns -1 after a
 * diagnostic when it is set but not a number of seconds. */
int model_source_date(char *out, const char **date, struct diag *diag);

#endif
