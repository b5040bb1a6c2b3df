/* yaml_tree.h: read a YAML (or JSON) document into a value tree with libyaml,
 * keeping the file:line:col of every node. Plain scalars are typed by the
 * YAML 1.2 core schema (null, true/false, integers, floats); quoted scalars
 * are strings. Aliases are refused (no alias bombs), as are duplicate keys,
 * non-scalar keys and nesting deeper than the limit. */
#ifndef REPLYGEN_YAML_TREE_H
#define REPLYGEN_YAML_TREE_H

#include "diag.h"
#include "value.h"

/* Limits that keep a hostile file from exhausting memory, time or the
 * stack; docs/hostile-inputs.md lists what each refusal looks like.
 * A reply-code spec needs a small fraction of each (spec/smtp.yaml: 90 KB,
 * 6 levels, about 4,400 nodes). */
struct yaml_limits {
    size_t max_bytes;   /* largest input accepted */
    unsigned max_depth; /* deepest nesting of lists and maps */
    size_t max_nodes;   /* most scalars, lists and maps in the document (each
                           * costs some 100 bytes of memory, and later stages
                           * walk them) */
};

/* The highest max_depth a run may ask for (--max-spec-depth): libyaml's
 * time grows with the square of the depth (0.3 s at 10,000 levels, 4.6 s
 * at 40,000), so a deeper limit would let a small file hang a build. */
enum {
    YAML_DEEPEST_LIMIT = 10000
};

/* The defaults: 16 MiB of input, 64 levels, 100,000 nodes. */
extern const struct yaml_limits yaml_default_limits;

/* Load the single document in path into arena. Returns 0 and sets *out
 * and, unless nodes is NULL, *nodes to the tree's nodes as the node limit
 * counts them (the keys of maps included); or reports every problem through
 * diag (with its place) and returns -1. A key repeated in its mapping is
 * reported, and left out with its value, and the load goes on: then -1 is
 * returned with *out and *nodes set, so that a checker can report the
 * file's other errors too. path must outlive the tree: marks point at it. */
int yaml_tree_load_file(struct value_arena *arena, const char *path, const struct yaml_limits *limits,
                        struct value **out, size_t *nodes, struct diag *diag);

/* The same from bytes in memory; name is used in marks. */
int yaml_tree_load_bytes(struct value_arena *arena, const char *name, const char *bytes, size_t length,
                         const struct yaml_limits *limits, struct value **out, size_t *nodes, struct diag *diag);

#endif
