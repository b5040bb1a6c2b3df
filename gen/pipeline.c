/* pipeline.c: the stages in order, shared by replygen, the fuzz targets and
 * the tests. */
#include "pipeline.h"

#include "buffer.h"
#include "escape.h"
#include "file.h"
#include "model.h"
#include "suggest.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int check_tree(struct pipeline_spec *out, const char *name, const struct value *tree, size_t nodes, int loaded,
                      struct diag *diag)
{
    if (!tree) /* nothing to check; with one, its other errors are reported too */
        return -1;
    if (spec_check(name, tree, &out->spec, diag) != 0)
        return -1;
    out->checked = true;
    if (loaded != 0)
        return -1;
    return model_check_size(&out->spec, nodes, diag);
}

/* The spec's messages come sorted by place: diag_hold. */
int pipeline_load(const char *path, const struct yaml_limits *limits, struct pipeline_spec *out, struct diag *diag)
{
    /* Read once, for the tree and the hash; a file that cannot be read is
     * left to the loader, which says why. */
    struct buffer bytes;
    buffer_init(&bytes);
    if (file_read(path, (limits ? limits : &yaml_default_limits)->max_bytes, &bytes) == 0) {
        int status = pipeline_load_bytes(path, bytes.data ? bytes.data : "", bytes.length, limits, out, diag);
        buffer_free(&bytes);
        return status;
    }
    buffer_free(&bytes); /* what was read before the error */
    *out = (struct pipeline_spec){ .checked = false };
    value_arena_init(&out->arena);
    struct value *tree = NULL;
    size_t nodes = 0;
    diag_hold(diag);
    int loaded = yaml_tree_load_file(&out->arena, path, limits, &tree, &nodes, diag);
    int status = check_tree(out, path, tree, nodes, loaded, diag);
    diag_release(diag);
    return status;
}

int pipeline_load_bytes(const char *name, const char *bytes, size_t length, const struct yaml_limits *limits,
                        struct pipeline_spec *out, struct diag *diag)
{
    *out = (struct pipeline_spec){ .checked = false };
    value_arena_init(&out->arena);
    sha256(bytes, length, out->sha256);
    struct value *tree = NULL;
    size_t nodes = 0;
    diag_hold(diag);
    int loaded = yaml_tree_load_bytes(&out->arena, name, bytes, length, limits, &tree, &nodes, diag);
    int status = check_tree(out, name, tree, nodes, loaded, diag);
    diag_release(diag);
    return status;
}

void pipeline_spec_free(struct pipeline_spec *loaded)
{
    if (loaded->checked)
        spec_free(&loaded->spec);
    loaded->checked = false;
    value_arena_free(&loaded->arena);
}

struct value *pipeline_model(struct pipeline_spec *loaded, const char *spec_path, const char *date)
{
    struct value *model = model_build(&loaded->arena, &loaded->spec, spec_path, date);
    model_set_spec_hash(&loaded->arena, model, loaded->sha256);
    return model;
}

static int compare_templates(const void *a, const void *b)
{
    return strcmp(((const struct pipeline_template *)a)->file_name, ((const struct pipeline_template *)b)->file_name);
}

static bool is_output_template(const char *name)
{
    static const char suffix[] = ".mustache";
    size_t length = strlen(name);
    return name[0] != '_' && name[0] != '.' && length > sizeof suffix - 1
        && strcmp(name + length - (sizeof suffix - 1), suffix) == 0;
}

int pipeline_templates_open(const char *dir, struct pipeline_templates *out, struct diag *diag)
{
    *out = (struct pipeline_templates){ NULL, NULL, 0, false };
    DIR *folder = opendir(dir);
    if (!folder) {
        diag_error(diag, &(struct mark){ dir, 0, 0 }, "cannot open the template folder");
        return -1;
    }
    const struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        if (!is_output_template(entry->d_name))
            continue;
        out->items = xrealloc(out->items, (out->count + 1) * sizeof *out->items);
        out->items[out->count++] = (struct pipeline_template){ xstrdup(entry->d_name), NULL, ESCAPE_NONE };
    }
    closedir(folder);
    if (out->count == 0) {
        diag_error(diag, &(struct mark){ dir, 0, 0 }, "no *.mustache templates in the folder");
        pipeline_templates_close(out);
        return -1;
    }
    qsort(out->items, out->count, sizeof *out->items, compare_templates);
    out->dir = xstrdup(dir);
    return 0;
}

void pipeline_templates_close(struct pipeline_templates *templates)
{
    for (size_t i = 0; i < templates->count; i++) {
        free(templates->items[i].file_name);
        tmpl_delete(templates->items[i].parsed);
    }
    free(templates->items);
    free(templates->dir);
    *templates = (struct pipeline_templates){ NULL, NULL, 0, false };
}

char *pipeline_output_name(const char *template_name, const struct value *model, struct diag *diag)
{
    static const char suffix[] = ".mustache";
    size_t length = strlen(template_name);
    if (length > sizeof suffix - 1 && strcmp(template_name + length - (sizeof suffix - 1), suffix) == 0)
        length -= sizeof suffix - 1;
    struct tmpl *tmpl;
    if (tmpl_parse(template_name, NULL, template_name, length, ESCAPE_NONE, &tmpl, diag) != 0)
        return NULL;
    struct buffer name;
    buffer_init(&name);
    int status = tmpl_render(tmpl, model, &name, diag);
    tmpl_delete(tmpl);
    if (status == 0
        && (name.length == 0 || strchr(name.data, '/') || strcmp(name.data, ".") == 0 || strcmp(name.data, "..") == 0
            || strlen(name.data) != name.length)) {
        diag_error(diag, &(struct mark){ template_name, 0, 0 }, "the template's name gives no usable file name");
        status = -1;
    }
    if (status != 0) {
        buffer_free(&name);
        return NULL;
    }
    return buffer_take(&name, NULL);
}

static bool selected(const struct pipeline_selection *selection, const char *name, bool *used)
{
    if (selection->only_count == 0)
        return true;
    for (size_t i = 0; i < selection->only_count; i++)
        if (strcmp(selection->only[i], name) == 0) {
            used[i] = true;
            return true;
        }
    return false;
}

/* Render one template into outputs under name (which it takes). */
static void render_one(struct pipeline_templates *templates, struct pipeline_template *template,
                       const struct value *model, char *name, struct output_set *outputs, struct diag *diag)
{
    /* Escaping follows the rendered name: "{{title}}.mustache" may give
     * page.html for one model and notes.txt for another. */
    enum escape_lang lang = escape_lang_for_output(name);
    if (template->parsed && template->lang != lang) {
        tmpl_delete(template->parsed);
        template->parsed = NULL;
    }
    if (!template->parsed) {
        struct buffer path;
        buffer_init(&path);
        buffer_printf(&path, "%s/%s", templates->dir, template->file_name);
        template->lang = lang;
        int status = tmpl_load(path.data, lang, &template->parsed, diag);
        buffer_free(&path);
        if (status != 0) {
            free(name);
            return;
        }
    }
    struct buffer text;
    buffer_init(&text);
    if (tmpl_render_checked(template->parsed, model, &text, templates->strict_names, diag) != 0) {
        buffer_free(&text);
        free(name);
        return;
    }
    size_t length;
    char *data = buffer_take(&text, &length);
    output_set_add(outputs, name, data, length);
}

/* An --only name that no template gives, with the closest one that does. */
static void report_unused_only(const struct pipeline_templates *templates, const char *only, const char *const *names,
                               struct diag *diag)
{
    struct suggest search;
    suggest_start(&search, only);
    for (size_t i = 0; i < templates->count; i++)
        if (names[i])
            suggest_consider(&search, names[i]);
    const char *meant = suggest_best(&search);
    if (meant)
        diag_error(diag, NULL, "--only %s: no template in %s generates that file; did you mean '%s'?", only,
                   templates->dir, meant);
    else
        diag_error(diag, NULL, "--only %s: no template in %s generates that file", only, templates->dir);
}

int pipeline_render(struct pipeline_templates *templates, const struct value *model,
                    const struct pipeline_selection *selection, struct output_set *outputs, struct output_set *skipped,
                    struct diag *diag)
{
    unsigned errors = diag->errors;
    bool *used = xcalloc(selection->only_count, sizeof *used);
    /* Each template's output name, to refuse a second template of the same
     * output, which would replace the first one's file. */
    char **names = xcalloc(templates->count, sizeof *names);
    for (size_t i = 0; i < templates->count; i++) {
        char *name = pipeline_output_name(templates->items[i].file_name, model, diag);
        if (!name)
            continue;
        size_t first = 0;
        while (first < i && !(names[first] && strcmp(names[first], name) == 0))
            first++;
        if (first < i) {
            diag_error(diag, &(struct mark){ templates->items[i].file_name, 0, 0 },
                       "gives the file name '%s', as %s does: two templates cannot write one file", name,
                       templates->items[first].file_name);
            free(name);
            continue;
        }
        names[i] = xstrdup(name); /* outputs takes name, and frees it if rendering fails */
        if (!selected(selection, name, used))
            output_set_add(skipped, name, NULL, 0);
        else if (selection->names_only)
            output_set_add(outputs, name, NULL, 0);
        else
            render_one(templates, &templates->items[i], model, name, outputs, diag);
    }
    for (size_t i = 0; i < selection->only_count; i++)
        if (!used[i])
            report_unused_only(templates, selection->only[i], (const char *const *)names, diag);
    for (size_t i = 0; i < templates->count; i++)
        free(names[i]);
    free(names);
    free(used);
    return diag->errors != errors ? -1 : 0;
}
