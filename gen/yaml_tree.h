/* yaml_tree.h: read a YAML (or JSON) document into a value tree with libyaml,
 * keeping the file:line:col of every node. Plain scalars are typed by the
 * YAML 1.2 core schema (null, true/false, integers, floats); quoted scalars
 * are strings. Aliases are refused (no alias bombs), as are duplicate keys,
 * non-scalar keys and nesting deeper than the limit. */
#ifndef REPLYGEN_YAML_TREE_H
#define REPLYGEN_YAML_TREE_H

#include "diag.h"
#include "value.h"

struct yaml_limits {
    size_t max_bytes;     /* largest input accepted */
    unsigned max_depth;   /* deepest nesting of lists and maps */
};

/* The defaults: 16 MiB of input, 64 levels. */
extern const struct yaml_limits yaml_default_limits;

/* Load the single document in path. Returns 0 and sets *out, or reports
 * every problem through diag (with its place) and returns -1.
 * path must outlive the tree: marks point at it. */
int yaml_tree_load_file(const char *path, const struct yaml_limits *limits,
                        struct value **out, struct diag *diag);

/* The same from bytes in memory; name is used in marks. */
int yaml_tree_load_bytes(const char *name, const char *bytes, size_t length,
                         const struct yaml_limits *limits,
                         struct value **out, struct diag *diag);

#endif
