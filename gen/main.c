/* main.c: the replygen command: options, exit status, and the pipeline
 * load -> check -> model -> render -> write, in that order. */
#define _POSIX_C_SOURCE 200809L /* readlink */
#include "baseline.h"
#include "buffer.h"
#include "diag.h"
#include "emit.h"
#include "json.h"
#include "model.h"
#include "pipeline.h"
#include "registry_import.h"
#include "spec_diff.h"
#include "suggest.h"
#include "template.h"
#include "value.h"
#include "version.h"
#include "yaml_tree.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    EXIT_USAGE = 2
};

/* Where templates live, relative to the replygen executable: the same in
 * the build tree (build/bin, build/share) and after installing. */
#define TEMPLATES_FROM_BINARY "../share/replygen/templates"

struct options {
    const char *spec;
    const char *baseline; /* --baseline OLD_SPEC */
    const char *output_dir;
    const char *templates_dir;
    const char **only;
    size_t only_count;
    bool check;
    bool dump_model;
    bool spec_hash; /* --spec-hash */
    bool list_outputs;
    bool quiet;
    bool strict_templates;
    const char *render;
    const char *data;
    struct yaml_limits limits; /* for the spec and --data */
};

static const char usage_text[] =
    "Usage: replygen [OPTION]... SPEC -o DIR\n"
    "       replygen --check SPEC -o DIR\n"
    "       replygen --baseline OLD_SPEC SPEC [-o DIR | --check -o DIR]\n"
    "       replygen --dump-model SPEC\n"
    "       replygen --spec-hash SPEC\n"
    "       replygen diff [--format=text|markdown] OLD_SPEC SPEC\n"
    "       replygen import-registry [--write] [-q] REGISTRY.csv SPEC\n"
    "       replygen --render TEMPLATE [--data SPEC_OR_FILE]\n"
    "Generate C tables and classifiers, documentation and tests from a YAML\n"
    "spec of a protocol's reply codes, for example spec/smtp.yaml.\n"
    "\n"
    "  -o, --output DIR       write the generated files into DIR (created if missing)\n"
    "  -t, --templates DIR    render the templates in DIR instead of the installed ones\n"
    "      --only NAME        generate only the file NAME (repeatable), e.g. smtp_replies.h\n"
    "      --check            write nothing; exit 1 naming each file in DIR that is\n"
    "                         missing or differs from what SPEC generates, and each\n"
    "                         leftover (it says it was generated from SPEC but is\n"
    "                         not an output); warn about other files (not dotfiles,\n"
    "                         and none with --only)\n"
    "      --baseline OLD_SPEC\n"
    "                         first compare SPEC with OLD_SPEC, an earlier version\n"
    "                         of it; exit 1, writing and checking nothing, naming\n"
    "                         each change that breaks code built against the old\n"
    "                         output: a code, digit, command or enhanced code\n"
    "                         removed, renumbered or renamed, a class changed, a\n"
    "                         new prefix (additions and deprecations pass)\n"
    "      --dump-model       print as JSON the values the templates see, and exit\n"
    "      --list-outputs     print the name of each file SPEC generates, and exit\n"
    "      --spec-hash        print the hash of SPEC that the generated header\n"
    "                         carries (PREFIX_REPLIES_SPEC_HASH), and exit\n"
    "      --render TEMPLATE  render one template to standard output, with the values\n"
    "                         given by --data (default: none)\n"
    "      --data FILE        the values for --render: a spec (a YAML file with a\n"
    "                         'format' key), checked and rendered as its model, as\n"
    "                         replygen SPEC would; any other YAML or JSON file as\n"
    "                         it is\n"
    "      --strict-templates a tag naming a value the model (or --data) does not\n"
    "                         have is an error, not a warning: nothing is written\n"
    "      --max-spec-bytes N, --max-spec-depth N, --max-spec-nodes N\n"
    "                         refuse a spec (or --data file) larger, more deeply\n"
    "                         nested or with more nodes than N (defaults: 16 MiB,\n"
    "                         64 levels, 100000 nodes; depth at most 10000)\n"
    "  -q, --quiet            do not list the files written\n"
    "  -h, --help             show this help and exit\n"
    "  -V, --version          show the version and exit\n"
    "\n"
    "replygen diff lists what changed from OLD_SPEC to SPEC (codes, commands, digits,\n"
    "enhanced codes), as text or Markdown, marking each change --baseline refuses.\n"
    "replygen import-registry compares SPEC's enhanced codes with IANA's registry\n"
    "(its CSV), reports each new, changed or gone entry and each documented\n"
    "deviation it keeps, and prints the edits to make, or with --write makes them.\n"
    "\n"
    "Exit status: 0 success, 1 an error in the input, a --check difference or a\n"
    "change --baseline refuses, 2 a usage error.\n";

static int usage_error(const char *message, const char *argument)
{
    fprintf(stderr, "replygen: %s%s%s\nTry 'replygen --help' for more information.\n", message, argument ? " " : "",
            argument ? argument : "");
    return EXIT_USAGE;
}

/* A positive decimal number, for the --max-spec-* limits. */
static bool parse_limit(const char *text, size_t *limit)
{
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-' || value == 0 || value > SIZE_MAX)
        return false;
    *limit = (size_t)value;
    return true;
}

/* "unknown option: --chek; did you mean '--check'?" */
static int unknown_option(const char *argument, const struct option *long_options)
{
    if (strncmp(argument, "--", 2) != 0 || strlen(argument) > 64)
        return usage_error("unknown option:", argument);
    char name[65];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(argument + 2, "="), argument + 2);
    struct suggest search;
    suggest_start(&search, name);
    for (const struct option *option = long_options; option->name; option++)
        suggest_consider(&search, option->name);
    if (!suggest_best(&search))
        return usage_error("unknown option:", argument);
    struct buffer message;
    buffer_init(&message);
    buffer_printf(&message, "%s; did you mean '--%s'?", argument, suggest_best(&search));
    int status = usage_error("unknown option:", message.data);
    buffer_free(&message);
    return status;
}

static int parse_options(int argc, char **argv, struct options *options, int *exit_now)
{
    enum {
        OPT_ONLY = 256,
        OPT_CHECK,
        OPT_BASELINE,
        OPT_DUMP_MODEL,
        OPT_SPEC_HASH,
        OPT_LIST_OUTPUTS,
        OPT_RENDER,
        OPT_DATA,
        OPT_STRICT_TEMPLATES,
        OPT_MAX_BYTES,
        OPT_MAX_DEPTH,
        OPT_MAX_NODES
    };
    static const struct option long_options[] = {
        { "output", required_argument, NULL, 'o' },
        { "templates", required_argument, NULL, 't' },
        { "only", required_argument, NULL, OPT_ONLY },
        { "check", no_argument, NULL, OPT_CHECK },
        { "baseline", required_argument, NULL, OPT_BASELINE },
        { "dump-model", no_argument, NULL, OPT_DUMP_MODEL },
        { "spec-hash", no_argument, NULL, OPT_SPEC_HASH },
        { "list-outputs", no_argument, NULL, OPT_LIST_OUTPUTS },
        { "render", required_argument, NULL, OPT_RENDER },
        { "data", required_argument, NULL, OPT_DATA },
        { "strict-templates", no_argument, NULL, OPT_STRICT_TEMPLATES },
        { "max-spec-bytes", required_argument, NULL, OPT_MAX_BYTES },
        { "max-spec-depth", required_argument, NULL, OPT_MAX_DEPTH },
        { "max-spec-nodes", required_argument, NULL, OPT_MAX_NODES },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    *exit_now = -1;
    opterr = 0;
    int option;
    while ((option = getopt_long(argc, argv, ":o:t:qhV", long_options, NULL)) != -1) {
        switch (option) {
        case 'o': options->output_dir = optarg; break;
        case 't': options->templates_dir = optarg; break;
        case 'q': options->quiet = true; break;
        case OPT_ONLY:
            options->only = xrealloc(options->only, (options->only_count + 1) * sizeof *options->only);
            options->only[options->only_count++] = optarg;
            break;
        case OPT_CHECK: options->check = true; break;
        case OPT_BASELINE: options->baseline = optarg; break;
        case OPT_DUMP_MODEL: options->dump_model = true; break;
        case OPT_SPEC_HASH: options->spec_hash = true; break;
        case OPT_LIST_OUTPUTS: options->list_outputs = true; break;
        case OPT_RENDER: options->render = optarg; break;
        case OPT_DATA: options->data = optarg; break;
        case OPT_STRICT_TEMPLATES: options->strict_templates = true; break;
        case OPT_MAX_BYTES:
        case OPT_MAX_DEPTH:
        case OPT_MAX_NODES: {
            size_t limit;
            if (!parse_limit(optarg, &limit))
                return usage_error("not a positive number:", optarg);
            if (option == OPT_MAX_DEPTH && limit > YAML_DEEPEST_LIMIT) {
                char message[64];
                snprintf(message, sizeof message, "--max-spec-depth is at most %d, not", YAML_DEEPEST_LIMIT);
                return usage_error(message, optarg);
            }
            if (option == OPT_MAX_BYTES)
                options->limits.max_bytes = limit;
            else if (option == OPT_MAX_DEPTH)
                options->limits.max_depth = (unsigned)limit;
            else
                options->limits.max_nodes = limit;
            break;
        }
        case 'h':
            fputs(usage_text, stdout);
            *exit_now = 0;
            return 0;
        case 'V':
            printf("replygen %s\n", REPLYGEN_VERSION);
            *exit_now = 0;
            return 0;
        case ':': return usage_error("option needs an argument:", argv[optind - 1]);
        default: return unknown_option(argv[optind - 1], long_options);
        }
    }
    if (options->render) {
        if (optind != argc || options->spec || options->check || options->dump_model || options->output_dir
            || options->baseline)
            return usage_error("--render takes only a template and --data", NULL);
        return 0;
    }
    if (options->data)
        return usage_error("--data goes with --render", NULL);
    if (optind == argc)
        return usage_error("missing SPEC", NULL);
    if (argc - optind > 1)
        return usage_error("more than one SPEC:", argv[optind + 1]);
    options->spec = argv[optind];
    if (options->spec_hash
        && (options->dump_model || options->check || options->output_dir || options->list_outputs || options->baseline
            || options->only_count || options->templates_dir))
        return usage_error("--spec-hash takes only a SPEC", NULL);
    if (options->dump_model && (options->check || options->output_dir || options->list_outputs || options->baseline))
        return usage_error("--dump-model takes only a SPEC", NULL);
    if (options->list_outputs && (options->check || options->output_dir || options->baseline))
        return usage_error("--list-outputs takes a SPEC, --templates and --only", NULL);
    /* --baseline alone compares and writes nothing; whatever reads or
     * writes DIR needs it. */
    bool needs_dir = !options->dump_model && !options->list_outputs && !options->spec_hash
        && (!options->baseline || options->check || options->only_count || options->templates_dir);
    if (needs_dir && !options->output_dir)
        return usage_error("missing -o DIR", NULL);
    if (options->output_dir && !options->output_dir[0]) /* not the current folder, nor / */
        return usage_error("-o needs a folder name, not an empty one", NULL);
    return 0;
}

/* The default template folder, found relative to this executable. */
static char *default_templates_dir(const char *argv0)
{
    char self[4096];
    ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length > 0)
        self[length] = '\0';
    else if (strchr(argv0, '/') && strlen(argv0) < sizeof self)
        strcpy(self, argv0);
    else
        return NULL;
    char *slash = strrchr(self, '/');
    *slash = '\0';
    struct buffer path;
    buffer_init(&path);
    buffer_printf(&path, "%s/%s", self[0] ? self : "/", TEMPLATES_FROM_BINARY);
    return buffer_take(&path, NULL);
}

static int write_stdout(const struct buffer *text)
{
    if (fwrite(text->data ? text->data : "", 1, text->length, stdout) != text->length || fflush(stdout) != 0) {
        perror("replygen: standard output");
        return 1;
    }
    return 0;
}

/* Whether the tree read by --data is a spec: a map with the key that
 * every spec starts with (other data may well have a "protocol"). */
static bool looks_like_spec(const struct value *data) { return data && value_map_get(data, "format"); }

/* Render options->render with tmpl_data, escaped as the generator would:
 * for the name it renders to. */
static int render_with(const struct options *options, const struct value *tmpl_data, struct diag *diag)
{
    const char *slash = strrchr(options->render, '/');
    char *name = pipeline_output_name(slash ? slash + 1 : options->render, tmpl_data, diag);
    if (!name)
        return 1;
    enum escape_lang lang = escape_lang_for_output(name);
    free(name);
    struct tmpl *tmpl;
    if (tmpl_load(options->render, lang, &tmpl, diag) != 0)
        return 1;
    int status = 1;
    struct buffer text;
    buffer_init(&text);
    if (tmpl_render_checked(tmpl, tmpl_data, &text, options->strict_templates, diag) == 0)
        status = write_stdout(&text);
    buffer_free(&text);
    tmpl_delete(tmpl);
    return status;
}

/* --data SPEC renders the spec's model, as generating would; a spec with
 * errors is reported and nothing rendered. */
static int render_spec_model(const struct options *options, struct diag *diag)
{
    char date_text[16];
    const char *date;
    if (model_source_date(date_text, &date, diag) != 0)
        return 1;
    struct pipeline_spec loaded;
    int status = 1;
    if (pipeline_load(options->data, &options->limits, &loaded, diag) == 0)
        status = render_with(options, pipeline_model(&loaded, options->data, date), diag);
    else
        diag_error(diag, NULL, "--data %s is a spec with errors: nothing rendered", options->data);
    pipeline_spec_free(&loaded);
    return status;
}

static int run_render(const struct options *options, struct diag *diag)
{
    struct value_arena arena;
    value_arena_init(&arena);
    struct value *data = NULL;
    if (options->data && yaml_tree_load_file(&arena, options->data, &options->limits, &data, NULL, diag) != 0) {
        value_arena_free(&arena);
        return 1;
    }
    if (looks_like_spec(data)) { /* read again, by the pipeline, into an arena of its own */
        value_arena_free(&arena);
        return render_spec_model(options, diag);
    }
    if (!data)
        data = value_new_map(&arena);
    int status = render_with(options, data, diag);
    value_arena_free(&arena);
    return status;
}

/* Append word to a command line, quoted for a POSIX shell when it needs it,
 * so that the commands --check prints can be pasted as they are. */
static void append_shell_word(struct buffer *line, const char *word)
{
    bool plain = word[0] != '\0';
    for (const char *c = word; *c && plain; c++)
        plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./=+:,@%-", *c) != NULL;
    buffer_append_char(line, ' ');
    if (plain) {
        buffer_append_string(line, word);
        return;
    }
    buffer_append_char(line, '\'');
    for (const char *c = word; *c; c++)
        if (*c == '\'')
            buffer_append_string(line, "'\\''");
        else
            buffer_append_char(line, *c);
    buffer_append_char(line, '\'');
}

/* After --check: say what to run to bring DIR up to date. */
static void print_check_advice(const struct options *options, const struct check_result *result)
{
    struct buffer line;
    buffer_init(&line);
    if (result->wrong) {
        buffer_append_string(&line, "  replygen");
        if (options->templates_dir) {
            append_shell_word(&line, "--templates");
            append_shell_word(&line, options->templates_dir);
        }
        for (size_t i = 0; i < options->only_count; i++) {
            append_shell_word(&line, "--only");
            append_shell_word(&line, options->only[i]);
        }
        append_shell_word(&line, options->spec);
        append_shell_word(&line, "-o");
        append_shell_word(&line, options->output_dir);
        fprintf(stderr, "replygen: %u file%s out of date; regenerate with:\n%s\n", result->wrong,
                result->wrong == 1 ? "" : "s", line.data);
    }
    if (result->stale_count) {
        buffer_free(&line);
        buffer_append_string(&line, "  rm");
        if (result->stale[0][0] == '-')
            append_shell_word(&line, "--");
        for (size_t i = 0; i < result->stale_count; i++)
            append_shell_word(&line, result->stale[i]);
        fprintf(stderr, "replygen: %zu file%s no longer generated; remove with:\n%s\n", result->stale_count,
                result->stale_count == 1 ? "" : "s", line.data);
    }
    buffer_free(&line);
}

/* --baseline passed: say what was compared and found compatible. */
static void print_baseline_pass(const struct spec *old_spec, const struct spec *new_spec)
{
    struct buffer text;
    buffer_init(&text);
    buffer_append_string(&text, "replygen: --baseline passed: ");
    baseline_describe_pass(old_spec, new_spec, &text);
    printf("%s\n", text.data);
    buffer_free(&text);
}

/* --baseline: 0 when spec may replace options->baseline, the old spec;
 * else -1, with each breaking change (or each error of the old spec)
 * reported. */
static int compare_baseline(const struct options *options, const struct pipeline_spec *loaded, struct diag *diag)
{
    struct pipeline_spec old;
    int status = -1;
    if (pipeline_load(options->baseline, &options->limits, &old, diag) == 0) {
        unsigned breaks = baseline_compare(&old.spec, &loaded->spec, diag);
        if (breaks)
            fprintf(stderr, "replygen: %u change%s from %s to %s break%s code built against the old output\n", breaks,
                    breaks == 1 ? "" : "s", options->baseline, options->spec, breaks == 1 ? "s" : "");
        else if (!options->quiet)
            print_baseline_pass(&old.spec, &loaded->spec);
        status = breaks ? -1 : 0;
    }
    pipeline_spec_free(&old);
    return status;
}

/* Render the model and write, compare (--check) or list the outputs. */
static int generate(const struct options *options, const char *dir, const struct value *model, struct diag *diag)
{
    struct pipeline_templates templates;
    if (pipeline_templates_open(dir, &templates, diag) != 0)
        return 1;
    templates.strict_names = options->strict_templates;
    struct pipeline_selection selection = { options->only, options->only_count, options->list_outputs };
    struct output_set outputs = { NULL, 0 }, skipped = { NULL, 0 };
    int status = 0;
    if (pipeline_render(&templates, model, &selection, &outputs, &skipped, diag) != 0) {
        status = 1;
    } else if (options->list_outputs) {
        for (size_t i = 0; i < outputs.count; i++)
            printf("%s\n", outputs.items[i].name);
    } else if (options->check) {
        struct check_result result;
        if (emit_check(options->output_dir, &outputs, &skipped, options->spec, options->only_count > 0, &result, diag)
            != 0)
            status = 1;
        print_check_advice(options, &result);
        if (result.wrong || result.stale_count)
            status = 1;
        check_result_free(&result);
    } else if (emit_write(options->output_dir, &outputs, !options->quiet, diag) != 0) {
        status = 1;
    }
    output_set_free(&skipped);
    output_set_free(&outputs);
    pipeline_templates_close(&templates);
    return status;
}

static int run_spec(const struct options *options, const char *argv0, struct diag *diag)
{
    char date_text[16];
    const char *date;
    if (model_source_date(date_text, &date, diag) != 0)
        return 1;
    struct pipeline_spec loaded;
    if (pipeline_load(options->spec, &options->limits, &loaded, diag) != 0) {
        pipeline_spec_free(&loaded);
        if (options->baseline) { /* report the old spec's errors too */
            struct pipeline_spec old;
            pipeline_load(options->baseline, &options->limits, &old, diag);
            pipeline_spec_free(&old);
        }
        return 1;
    }
    if (options->spec_hash) {
        char hex[2 * SHA256_DIGEST_BYTES + 1];
        sha256_hex(loaded.sha256, hex);
        printf("0x%.16s\n", hex);
        pipeline_spec_free(&loaded);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    int status = 0;
    if (options->baseline && compare_baseline(options, &loaded, diag) != 0)
        status = 1;
    if (status == 0 && (!options->baseline || options->output_dir)) {
        struct value *model = pipeline_model(&loaded, options->spec, date);
        if (options->dump_model) {
            struct buffer json;
            buffer_init(&json);
            json_write(model, &json);
            status = write_stdout(&json);
            buffer_free(&json);
        } else {
            char *found_dir = options->templates_dir ? NULL : default_templates_dir(argv0);
            const char *dir = options->templates_dir ? options->templates_dir : found_dir;
            if (!dir) {
                diag_error(diag, NULL, "cannot find the templates; give --templates DIR");
                status = 1;
            } else {
                status = generate(options, dir, model, diag);
            }
            free(found_dir);
        }
    }
    pipeline_spec_free(&loaded);
    return status;
}

/* replygen diff [--format=text|markdown] OLD_SPEC SPEC */
static int run_diff(int argc, char **argv)
{
    enum spec_diff_format format = SPEC_DIFF_TEXT;
    int first = 2;
    for (; first < argc && strncmp(argv[first], "--", 2) == 0; first++) {
        if (strcmp(argv[first], "--format=markdown") == 0)
            format = SPEC_DIFF_MARKDOWN;
        else if (strcmp(argv[first], "--format=text") == 0)
            format = SPEC_DIFF_TEXT;
        else
            return usage_error("diff: unknown option:", argv[first]);
    }
    if (argc - first != 2)
        return usage_error("diff takes OLD_SPEC and SPEC", NULL);
    struct diag diag;
    diag_init(&diag, stderr);
    struct pipeline_spec old, new;
    int old_status = pipeline_load(argv[first], &yaml_default_limits, &old, &diag);
    int new_status = pipeline_load(argv[first + 1], &yaml_default_limits, &new, &diag);
    int status = 1;
    if (old_status == 0 && new_status == 0) {
        struct buffer report;
        buffer_init(&report);
        spec_diff(&old.spec, argv[first], &new.spec, argv[first + 1], format, &report);
        status = write_stdout(&report);
        buffer_free(&report);
    }
    pipeline_spec_free(&new);
    pipeline_spec_free(&old);
    diag_free(&diag);
    return status;
}

/* replygen import-registry [--write] [-q] REGISTRY.csv SPEC */
static int run_import(int argc, char **argv)
{
    bool write = false, quiet = false;
    int first = 2;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "--write") == 0)
            write = true;
        else if (strcmp(argv[first], "-q") == 0 || strcmp(argv[first], "--quiet") == 0)
            quiet = true;
        else
            return usage_error("import-registry: unknown option:", argv[first]);
    }
    if (argc - first != 2)
        return usage_error("import-registry takes REGISTRY.csv and SPEC", NULL);
    struct diag diag;
    diag_init(&diag, stderr);
    struct buffer report;
    buffer_init(&report);
    int status = registry_import(argv[first], argv[first + 1], write, quiet, &report, &diag) == 0 ? 0 : 1;
    if (write_stdout(&report) != 0)
        status = 1;
    buffer_free(&report);
    diag_free(&diag);
    return status;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "diff") == 0)
        return run_diff(argc, argv);
    if (argc > 1 && strcmp(argv[1], "import-registry") == 0)
        return run_import(argc, argv);
    struct options options = { .limits = yaml_default_limits };
    int exit_now;
    int status = parse_options(argc, argv, &options, &exit_now);
    if (status == 0 && exit_now >= 0)
        status = exit_now;
    else if (status == 0) {
        struct diag diag;
        diag_init(&diag, stderr);
        status = options.render ? run_render(&options, &diag) : run_spec(&options, argv[0], &diag);
        diag_free(&diag);
    }
    free(options.only);
    return status;
}
