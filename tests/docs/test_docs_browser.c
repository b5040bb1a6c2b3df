/* test_docs_browser.c: open a generated HTML reference page in headless
 * Chromium and check it through the DOM against the spec's own model
 * (replygen --dump-model): every code has its row, anchor and text, the
 * filter narrows the rows as the user types, the page loads nothing from
 * outside and fits a phone; screenshots go into the build tree.
 *
 * Usage: test_docs_browser CHROMIUM REPLYGEN SPEC PAGE.html SCREENSHOT_DIR */
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "cdp.h"
#include "support/process.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *chromium_path, *replygen_path, *spec_path, *page_path, *screenshot_dir;

struct browser {
    struct cdp cdp;
    char *work_dir;
    char *model; /* replygen --dump-model SPEC, a JSON text */
};

/* The check scripts: each is a function of the model that returns "ok" or
 * a description of what is wrong, called as (SCRIPT)(MODEL). */

static const char check_standalone[] =
    "(function (model) {\n"
    "  var problems = [];\n"
    "  if (document.compatMode !== 'CSS1Compat') problems.push('quirks mode');\n"
    "  if (!document.documentElement.lang) problems.push('no lang on <html>');\n"
    "  if (document.scripts.length !== 1) problems.push(document.scripts.length + ' script elements, want 1');\n"
    "  var loaded = performance.getEntriesByType('resource');\n"
    "  if (loaded.length) problems.push('loaded ' + loaded.map(function (r) { return r.name; }).join(' '));\n"
    "  var outside = document.querySelectorAll('link, img, iframe, frame, object, embed, video, audio, [src], "
    "[style]');\n"
    "  if (outside.length) problems.push(outside.length + ' elements that load or style from attributes');\n"
    "  Array.prototype.forEach.call(document.querySelectorAll('*'), function (element) {\n"
    "    Array.prototype.forEach.call(element.attributes, function (attribute) {\n"
    "      if (/^on/i.test(attribute.name)) problems.push('event handler attribute ' + attribute.name);\n"
    "    });\n"
    "  });\n"
    "  if (!document.title.includes(model.protocol.NAME)) problems.push('title ' + document.title);\n"
    "  return problems.length ? problems.join('; ') : 'ok';\n"
    "})";

/* The page's policy lets only its one script run, named by the SHA-256
 * of its exact text: never 'unsafe-inline' (which lets javascript: URLs
 * and event handler attributes run) nor 'unsafe-hashes'. Says which hash
 * the script has when the policy names another. */
static const char check_script_policy[] =
    "(function (model) {\n"
    "  var meta = document.querySelector('meta[http-equiv=Content-Security-Policy]');\n"
    "  if (!meta) return 'no Content-Security-Policy';\n"
    "  var script = (meta.content.match(/script-src([^;]*)/) || [])[1];\n"
    "  if (script === undefined) return 'no script-src in ' + meta.content;\n"
    "  if (/'unsafe-inline'|'unsafe-hashes'|'unsafe-eval'|\\*|:/.test(script)) return 'script-src allows too much: ' "
    "+ script;\n"
    "  var bytes = new TextEncoder().encode(document.scripts[0].textContent);\n"
    "  return crypto.subtle.digest('SHA-256', bytes).then(function (digest) {\n"
    "    var hash = btoa(String.fromCharCode.apply(null, new Uint8Array(digest)));\n"
    "    return script.trim() === \"'sha256-\" + hash + \"'\" ? 'ok' : 'script-src' + script + ', but the script is "
    "sha256-' + hash;\n"
    "  });\n"
    "})";

static const char check_rows_and_anchors[] =
    "(function (model) {\n"
    "  var problems = [];\n"
    "  var table = document.getElementById('code-table');\n"
    "  if (!table) return 'no table with id code-table';\n"
    "  var rows = table.querySelectorAll('tr.code');\n"
    "  if (rows.length !== model.codes.length) problems.push(rows.length + ' code rows, want ' + model.codes.length);\n"
    "  model.codes.forEach(function (code) {\n"
    "    var id = String(code.code), row = document.getElementById(id);\n"
    "    if (!row) { problems.push('no element with id ' + id); return; }\n"
    "    if (row.tagName !== 'TR' || !table.contains(row)) problems.push('#' + id + ' is no row of the table');\n"
    "    if (document.querySelectorAll('[id=\"' + id + '\"]').length !== 1) problems.push('id ' + id + ' twice');\n"
    "    var header = row.querySelector('th[scope=row]');\n"
    "    if (!header || header.textContent.trim() !== id) problems.push('row ' + id + ' has no row header ' + id);\n"
    "    if (!row.querySelector('a[href=\"#' + id + '\"]')) problems.push('row ' + id + ' has no link to #' + id);\n"
    "  });\n"
    "  return problems.length ? problems.join('; ') : 'ok';\n"
    "})";

/* textContent must give back the spec's strings byte for byte: what
 * escaping must achieve, whatever the strings hold. */
static const char check_text_literal[] =
    "(function (model) {\n"
    "  var problems = [];\n"
    "  function expect(what, element, want) {\n"
    "    if (!element) problems.push(what + ': missing');\n"
    "    else if (element.textContent !== want) problems.push(what + ': ' + JSON.stringify(element.textContent) + ', "
    "want ' + JSON.stringify(want));\n"
    "  }\n"
    "  if (!document.querySelector('h1').textContent.includes(model.protocol.title)) problems.push('h1 lacks the "
    "title');\n"
    "  model.codes.forEach(function (code) {\n"
    "    var row = document.getElementById(String(code.code));\n"
    "    if (!row) { problems.push('no row ' + code.code); return; }\n"
    "    expect(code.code + ' text', row.querySelector('.text'), code.text);\n"
    "    expect(code.code + ' summary', row.querySelector('.summary'), code.summary);\n"
    "    expect(code.code + ' description', row.querySelector('.description'), code.description);\n"
    "    var links = row.querySelectorAll('.refs a');\n"
    "    if (links.length !== code.refs.length) problems.push(code.code + ': ' + links.length + ' reference links');\n"
    "    code.refs.forEach(function (ref, i) {\n"
    "      if (links[i] && links[i].getAttribute('href') !== ref.section_url) problems.push(code.code + ' link ' + "
    "links[i].getAttribute('href'));\n"
    "      expect(code.code + ' reference ' + i, links[i], ref.label);\n"
    "    });\n"
    "  });\n"
    "  model.references.forEach(function (ref) {\n"
    "    var link = document.querySelector('#standards a[href=\"' + CSS.escape(ref.url) + '\"]');\n"
    "    if (!link || !link.textContent.includes(ref.title)) problems.push('standards: no link to ' + ref.url + ' "
    "titled ' + ref.title);\n"
    "  });\n"
    "  return problems.length ? problems.join('; ') : 'ok';\n"
    "})";

static const char check_grouping[] =
    "(function (model) {\n"
    "  var problems = [], last = 0;\n"
    "  var bodies = document.getElementById('code-table').tBodies;\n"
    "  Array.prototype.forEach.call(bodies, function (body) {\n"
    "    var digits = {};\n"
    "    Array.prototype.forEach.call(body.querySelectorAll('tr.code'), function (row) {\n"
    "      var code = Number(row.id);\n"
    "      if (code < last) problems.push(code + ' after ' + last);\n"
    "      last = code;\n"
    "      digits[String(code).charAt(0)] = true;\n"
    "    });\n"
    "    if (model.classes && Object.keys(digits).length !== 1) problems.push('a group holds classes ' + "
    "Object.keys(digits));\n"
    "  });\n"
    "  if (model.classes) {\n"
    "    if (bodies.length !== model.classes.length) problems.push(bodies.length + ' groups, want ' + "
    "model.classes.length);\n"
    "    model.classes.forEach(function (group, i) {\n"
    "      var heading = bodies[i] && bodies[i].querySelector('th[scope=rowgroup]');\n"
    "      if (!heading || !heading.textContent.includes(group.title)) problems.push('group ' + group.digit + ' has no "
    "heading');\n"
    "    });\n"
    "  }\n"
    "  model.first_digits.forEach(function (digit) {\n"
    "    var row = document.getElementById('class-' + digit.digit);\n"
    "    if (!row || !row.textContent.includes(digit.title) || !row.textContent.includes(digit.description)) "
    "problems.push('first digit ' + digit.digit);\n"
    "  });\n"
    "  model.second_digits.forEach(function (digit) {\n"
    "    var row = document.getElementById('category-' + digit.digit);\n"
    "    if (!row || !row.textContent.includes(digit.title) || !row.textContent.includes(digit.description)) "
    "problems.push('second digit ' + digit.digit);\n"
    "  });\n"
    "  return problems.length ? problems.join('; ') : 'ok';\n"
    "})";

static const char check_commands[] =
    "(function (model) {\n"
    "  var problems = [];\n"
    "  model.commands.forEach(function (command) {\n"
    "    var row = document.getElementById('command-' + command.name);\n"
    "    if (!row) { problems.push('no row for command ' + command.name); return; }\n"
    "    if (!row.querySelector('th[scope=row]').textContent.includes(command.title)) problems.push(command.name + ' "
    "title');\n"
    "    ['preliminary', 'success', 'intermediate', 'error'].filter(function (role) { return command[role]; "
    "}).forEach(function (role) {\n"
    "      var cell = row.querySelector('td[data-label=' + role.charAt(0).toUpperCase() + role.slice(1) + ']');\n"
    "      var shown = cell ? Array.prototype.map.call(cell.querySelectorAll('a'), function (a) { return "
    "a.getAttribute('href'); }) : [];\n"
    "      var want = command[role].map(function (reply) { return '#' + reply.code; });\n"
    "      if (JSON.stringify(shown) !== JSON.stringify(want)) problems.push(command.name + ' ' + role + ': ' + shown "
    "+ ', want ' + want);\n"
    "    });\n"
    "  });\n"
    "  return problems.length ? problems.join('; ') : 'ok';\n"
    "})";

/* The codes whose rows are visible now, as "211 214 ...". */
static const char visible_codes[] =
    "(function (model) {\n"
    "  return Array.prototype.filter.call(document.querySelectorAll('#code-table tr.code'), function (row) {\n"
    "    return row.getClientRects().length > 0;\n"
    "  }).map(function (row) { return row.id; }).join(' ');\n"
    "})";

static int setup(void **state)
{
    struct browser *browser = calloc(1, sizeof *browser);
    if (!browser)
        return -1;
    *state = browser;
    const char *argv[] = { replygen_path, "--dump-model", spec_path, NULL };
    struct process_result run;
    if (process_run(argv, NULL, &run) != 0 || run.status != 0) {
        fprintf(stderr, "cannot run %s --dump-model %s: %s\n", replygen_path, spec_path, run.err ? run.err : "");
        process_result_free(&run);
        return -1;
    }
    browser->model = run.out;
    run.out = NULL;
    process_result_free(&run);

    char absolute[PATH_MAX];
    if (!realpath(page_path, absolute)) {
        fprintf(stderr, "no page %s\n", page_path);
        return -1;
    }
    char url[PATH_MAX + 16];
    snprintf(url, sizeof url, "file://%s", absolute);
    browser->work_dir = temp_folder();
    if (!browser->work_dir)
        return -1;
    if (cdp_start(&browser->cdp, chromium_path, browser->work_dir, url, 1280, 900) != 0) {
        fprintf(stderr, "cannot open %s in %s: %s\n", url, chromium_path, browser->cdp.error);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    struct browser *browser = *state;
    if (!browser)
        return 0;
    cdp_stop(&browser->cdp);
    if (browser->work_dir)
        remove_tree(browser->work_dir);
    free(browser->work_dir);
    free(browser->model);
    free(browser);
    return 0;
}

/* Run one check script with the model; it returns "ok" or what is wrong. */
static char *run_check(struct browser *browser, const char *script);

/* Evaluate expression in the page and fail the test with the browser's
 * error when it throws; the result is to free. */
static char *evaluate(struct browser *browser, const char *expression)
{
    char *value;
    if (cdp_evaluate(&browser->cdp, expression, &value) != 0)
        fail_msg("%s", browser->cdp.error);
    return value;
}

/* The model as the templates see it: --dump-model writes a list or map that
 * the model holds in several places once, and {"$ref": "#/codes/3"} (a JSON
 * Pointer) at the others; this puts the value itself there. */
static const char resolve_refs[] =
    "(function (model) {\n"
    "  function at(pointer) {\n"
    "    return pointer.slice(2).split('/').reduce(function (value, step) {\n"
    "      return value[step.replace(/~1/g, '/').replace(/~0/g, '~')];\n"
    "    }, model);\n"
    "  }\n"
    "  function resolve(value) {\n"
    "    if (value === null || typeof value !== 'object') return value;\n"
    "    Object.keys(value).forEach(function (key) {\n"
    "      var item = value[key];\n"
    "      if (item && typeof item === 'object' && typeof item.$ref === 'string') value[key] = at(item.$ref);\n"
    "      else resolve(item);\n"
    "    });\n"
    "    return value;\n"
    "  }\n"
    "  return resolve(model);\n"
    "})";

/* Run one check script with the model; it returns "ok" or what is wrong. */
static char *run_check(struct browser *browser, const char *script)
{
    size_t length = strlen(script) + strlen(resolve_refs) + strlen(browser->model) + 8;
    char *expression = malloc(length);
    assert_non_null(expression);
    snprintf(expression, length, "%s(%s(%s))", script, resolve_refs, browser->model);
    char *value = evaluate(browser, expression);
    free(expression);
    return value;
}

static void assert_check(void **state, const char *script)
{
    char *result = run_check(*state, script);
    if (strcmp(result, "ok") != 0)
        fprintf(stderr, "%s\n", result);
    assert_string_equal(result, "ok");
    free(result);
}

static void test_page_loads_nothing_from_outside(void **state) { assert_check(state, check_standalone); }

static void test_only_the_page_script_may_run(void **state) { assert_check(state, check_script_policy); }

/* Click a link (with the mouse, as a reader would) and follow one from
 * script, each to `javascript:void(document.title='PWNED')`, the URL of
 * issue 14: the page's policy must stop both. The link is added through
 * the DevTools protocol, as a custom template or a future bug could put it
 * there; the page and its policy are as generated. */
static void test_javascript_link_does_not_run(void **state)
{
    struct browser *browser = *state;
    char *title = evaluate(browser, "document.title");
    char *where =
        evaluate(browser,
                 "(function () {\n"
                 "  var link = document.createElement('a');\n"
                 "  link.id = 'pwn';\n"
                 "  link.href = \"javascript:void(document.title='PWNED')\";\n"
                 "  link.textContent = 'click me';\n"
                 "  link.style.cssText = 'position:fixed;left:0;top:0;padding:20px;background:#fff';\n"
                 "  document.body.appendChild(link);\n"
                 "  var box = link.getBoundingClientRect();\n"
                 "  return Math.round(box.left + box.width / 2) + ' ' + Math.round(box.top + box.height / 2);\n"
                 "})()");
    int x = 0, y = 0;
    assert_int_equal(sscanf(where, "%d %d", &x, &y), 2);
    char params[256];
    for (int i = 0; i < 2; i++) {
        snprintf(params, sizeof params, "{\"type\":\"%s\",\"x\":%d,\"y\":%d,\"button\":\"left\",\"clickCount\":1}",
                 i == 0 ? "mousePressed" : "mouseReleased", x, y);
        assert_int_equal(cdp_call(&browser->cdp, "Input.dispatchMouseEvent", params, NULL), 0);
    }
    /* A javascript: URL runs in a task of its own: give it time to. */
    char *after = evaluate(browser,
                           "new Promise(function (done) {\n"
                           "  var link = document.getElementById('pwn');\n"
                           "  link.click();\n"
                           "  location.href = link.href;\n"
                           "  setTimeout(function () { link.remove(); done(document.title); }, 500);\n"
                           "})");
    assert_string_equal(after, title);
    free(after);
    free(where);
    free(title);
}

static void test_every_code_has_a_row_and_an_anchor(void **state) { assert_check(state, check_rows_and_anchors); }

static void test_every_row_shows_the_spec_text_literally(void **state) { assert_check(state, check_text_literal); }

static void test_codes_are_grouped_by_class_with_the_digits_explained(void **state)
{
    assert_check(state, check_grouping);
}

static void test_every_command_lists_its_replies(void **state) { assert_check(state, check_commands); }

static void save_screenshot(struct browser *browser, const char *suffix)
{
    const char *slash = strrchr(page_path, '/');
    const char *name = slash ? slash + 1 : page_path;
    size_t stem = strcspn(name, ".");
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%.*s%s.png", screenshot_dir, (int)stem, name, suffix);
    if (cdp_screenshot(&browser->cdp, path) != 0)
        fail_msg("%s", browser->cdp.error);
    size_t length;
    char *png = read_whole_file(path, &length);
    assert_non_null(png);
    assert_true(length > 1000);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    printf("screenshot: %s\n", path);
}

static void test_screenshot_is_saved(void **state) { save_screenshot(*state, ""); }

static void test_page_fits_a_phone_screen(void **state)
{
    struct browser *browser = *state;
    assert_int_equal(cdp_call(&browser->cdp, "Emulation.setDeviceMetricsOverride",
                              "{\"width\":390,\"height\":844,\"deviceScaleFactor\":1,\"mobile\":true}", NULL),
                     0);
    char *overflow = evaluate(browser, "String(document.documentElement.scrollWidth - window.innerWidth)");
    save_screenshot(browser, "-phone");
    assert_int_equal(cdp_call(&browser->cdp, "Emulation.clearDeviceMetricsOverride", NULL, NULL), 0);
    assert_string_equal(overflow, "0"); /* no sideways scrolling */
    free(overflow);
}

/* Empty the filter box, focus it, and type text into it key by key. */
static void type_filter(struct browser *browser, const char *text)
{
    char *ready = evaluate(browser,
                           "(function () {\n"
                           "  var input = document.getElementById('filter');\n"
                           "  if (!input) return 'no filter box';\n"
                           "  if (input.closest('[hidden]')) return 'the filter box is hidden';\n"
                           "  if (!input.labels.length) return 'the filter box has no label';\n"
                           "  input.value = ''; input.dispatchEvent(new Event('input'));\n"
                           "  input.focus();\n"
                           "  return document.activeElement === input ? 'ok' : 'cannot focus the filter box';\n"
                           "})()");
    assert_string_equal(ready, "ok");
    free(ready);
    if (cdp_type(&browser->cdp, text) != 0)
        fail_msg("%s", browser->cdp.error);
}

static void test_filter_by_number_narrows_rows(void **state)
{
    struct browser *browser = *state;
    /* The first two digits of the last code: some codes, not all (unless
     * every code shares them, as in a one-code spec). */
    char *prefix = run_check(
        browser, "(function (model) { return String(model.codes[model.codes.length - 1].code).slice(0, 2); })");
    char *want = NULL;
    {
        char script[512];
        snprintf(
            script, sizeof script,
            "(function (model) { return model.codes.filter(function (c) { return String(c.code).indexOf('%s') === 0; })"
            ".map(function (c) { return String(c.code); }).join(' '); })",
            prefix);
        want = run_check(browser, script);
    }
    type_filter(browser, prefix);
    char *shown = run_check(browser, visible_codes);
    assert_string_equal(shown, want);
    char *typed = evaluate(browser, "document.getElementById('filter').value");
    assert_string_equal(typed, prefix);
    free(typed);
    free(shown);
    free(want);
    free(prefix);
}

static void test_filter_by_word_narrows_rows(void **state)
{
    struct browser *browser = *state;
    /* A word of some code's summary that not every row holds: that row
     * must stay, and every row left must hold the word. */
    char *word = run_check(browser,
                           "(function (model) {\n"
                           "  var rows = Array.prototype.map.call(document.querySelectorAll('#code-table tr.code'),\n"
                           "    function (row) { return row.textContent.toLowerCase(); });\n"
                           "  for (var i = model.codes.length - 1; i >= 0; i--) {\n"
                           "    var words = model.codes[i].summary.toLowerCase().match(/[a-z]{4,}/g) || [];\n"
                           "    for (var j = 0; j < words.length; j++)\n"
                           "      if (!rows.every(function (text) { return text.includes(words[j]); }))\n"
                           "        return words[j] + ' ' + model.codes[i].code;\n"
                           "  }\n"
                           "  return '';\n"
                           "})");
    if (!*word) {
        free(word);
        skip();
    }
    char *space = strchr(word, ' ');
    *space = '\0';
    const char *code = space + 1;
    type_filter(browser, word);
    char *shown = run_check(browser, visible_codes);
    char *count = run_check(browser, "(function (model) { return String(model.codes.length); })");
    char check[512];
    snprintf(
        check, sizeof check,
        "(function () { return Array.prototype.every.call(document.querySelectorAll('#code-table tr.code'),"
        " function (row) { return row.getClientRects().length === 0 || row.textContent.toLowerCase().includes('%s'); })"
        " ? 'ok' : 'a row without the word is shown'; })()",
        word);
    char *every = evaluate(browser, check);
    assert_string_equal(every, "ok");
    size_t visible = 0;
    for (const char *c = shown; *c; c++)
        visible += (c == shown || c[-1] == ' ');
    char with_spaces[64];
    snprintf(with_spaces, sizeof with_spaces, " %s ", code);
    size_t shown_length = strlen(shown);
    char *padded = malloc(shown_length + 3);
    assert_non_null(padded);
    snprintf(padded, shown_length + 3, " %s ", shown);
    assert_non_null(strstr(padded, with_spaces));
    assert_true(visible < (size_t)atoi(count));
    free(padded);
    free(every);
    free(count);
    free(shown);
    free(word);
}

/* The filter comes before the tables, in the first screen, and is still
 * in view, and not covered, after scrolling to the end of the page. */
static const char check_filter_sticks[] =
    "(function (model) {\n"
    "  var form = document.querySelector('form.filter'), input = document.getElementById('filter');\n"
    "  if (!form || !input) return 'no filter';\n"
    "  var tables = document.querySelectorAll('table');\n"
    "  if (!(form.compareDocumentPosition(tables[0]) & Node.DOCUMENT_POSITION_FOLLOWING)) return 'the filter comes "
    "after the first table';\n"
    "  function where() {\n"
    "    var box = input.getBoundingClientRect();\n"
    "    var at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);\n"
    "    return box.top >= 0 && box.bottom <= innerHeight && at === input ? 'ok' : 'at ' + Math.round(box.top) + '..' "
    "+ Math.round(box.bottom) + ' of ' + innerHeight + ', under ' + (at && at.tagName);\n"
    "  }\n"
    "  window.scrollTo(0, 0);\n"
    "  var first = where();\n"
    "  window.scrollTo(0, document.documentElement.scrollHeight);\n"
    "  var scrolled = document.documentElement.scrollTop > innerHeight ? where() : 'the page does not scroll';\n"
    "  window.scrollTo(0, 0);\n"
    "  if (first !== 'ok') return 'on opening, the filter is ' + first;\n"
    "  return scrolled === 'ok' ? 'ok' : 'scrolled to the end, the filter is ' + scrolled;\n"
    "})";

static void test_filter_sits_at_the_top_and_stays_in_view(void **state)
{
    assert_check(state, check_filter_sticks);
    struct browser *browser = *state;
    assert_int_equal(cdp_call(&browser->cdp, "Emulation.setDeviceMetricsOverride",
                              "{\"width\":390,\"height\":844,\"deviceScaleFactor\":1,\"mobile\":true}", NULL),
                     0);
    char *on_phone = run_check(browser, check_filter_sticks);
    assert_int_equal(cdp_call(&browser->cdp, "Emulation.clearDeviceMetricsOverride", NULL, NULL), 0);
    assert_string_equal(on_phone, "ok");
    free(on_phone);
}

/* After typing: "ok" when exactly the rows of table (a CSS selector for
 * its rows) that want() accepts are visible, and its caption counts them
 * as "N of TOTAL NOUN shown"; want(row) is given each row element. */
static const char visible_rows_are[] =
    "function visibleRowsAre(selector, caption, noun, want) {\n"
    "  var rows = Array.prototype.slice.call(document.querySelectorAll(selector)), problems = [], shown = 0;\n"
    "  rows.forEach(function (row) {\n"
    "    var visible = row.getClientRects().length > 0, wanted = want(row);\n"
    "    if (visible) shown++;\n"
    "    if (visible !== wanted) problems.push(row.id + (wanted ? ' hidden' : ' shown'));\n"
    "  });\n"
    "  var text = document.querySelector(caption).textContent, count = shown + ' of ' + rows.length + ' ' + noun + ' "
    "shown';\n"
    "  if (text.indexOf(count) === -1) problems.push('caption ' + JSON.stringify(text) + ' does not say ' + count);\n"
    "  if (shown === rows.length) problems.push('the filter hid no row');\n"
    "  return problems.length ? problems.join('; ') : 'ok';\n"
    "}\n";

/* Evaluate visible_rows_are's function with the model, after script,
 * which defines check(model) that calls visibleRowsAre. */
static void assert_rows_check(void **state, const char *script)
{
    size_t length = strlen(visible_rows_are) + strlen(script) + 64;
    char *check = malloc(length);
    assert_non_null(check);
    snprintf(check, length, "(function (model) { %s%s return check(model); })", visible_rows_are, script);
    assert_check(state, check);
    free(check);
}

/* The first enhanced code with a detail other than 0, as "C.S.D" for its
 * first class and the code "X.S.D"; "" when the spec has none. */
static const char pick_enhanced[] =
    "(function (model) {\n"
    "  var codes = model.enhanced ? model.enhanced.codes.filter(function (c) { return c.detail > 0 && c.basic.length; "
    "}) : [];\n"
    "  return codes.length ? codes[0].classes[0].class + '.' + codes[0].subject + '.' + codes[0].detail + ' ' + "
    "codes[0].code : '';\n"
    "})";

static void test_filter_finds_enhanced_codes(void **state)
{
    struct browser *browser = *state;
    char *picked = run_check(browser, pick_enhanced);
    if (!*picked) {
        free(picked);
        skip();
    }
    *strchr(picked, ' ') = '\0';
    type_filter(browser, picked); /* "5.1.1" */
    char script[2048];
    /* An enhanced code row is wanted when one of its class's forms holds
     * the word or its own text does; a reply code row when one of its
     * enhanced codes is. */
    snprintf(script, sizeof script,
             "var word = '%s';\n"
             "function forms(code) { return code.classes.map(function (c) { return c.class + '.' + code.subject + '.' "
             "+ code.detail; }); }\n"
             "function found(code) { return forms(code).some(function (f) { return f.indexOf(word) !== -1; })\n"
             "  || [code.code, code.text, code.description, code.name].concat(code.refs.map(function (r) { return "
             "r.label; })).join(' ').toLowerCase().indexOf(word) !== -1; }\n"
             "function check(model) {\n"
             "  var byCode = {};\n"
             "  model.enhanced.codes.forEach(function (code) { byCode[code.code] = code; });\n"
             "  var enhanced = visibleRowsAre('#enhanced-table tr.enhanced', '#enhanced-table caption', 'enhanced "
             "codes', function (row) { return found(byCode[row.id]); });\n"
             "  if (enhanced !== 'ok') return enhanced;\n"
             "  var codes = {};\n"
             "  model.codes.forEach(function (code) { codes[code.code] = code; });\n"
             "  return visibleRowsAre('#code-table tr.code', '#code-table caption', 'reply codes', function (row) {\n"
             "    var code = codes[row.id];\n"
             "    return code.enhanced.some(function (e) { return forms(e).some(function (f) { return f.indexOf(word) "
             "!== -1; }); })\n"
             "      || [code.code, code.text, code.summary, code.description, code.name].concat(code.refs.map("
             "function (r) { return r.label; })).join(' ').toLowerCase().indexOf(word) !== -1;\n"
             "  });\n"
             "}\n",
             picked);
    assert_rows_check(state, script);
    free(picked);
}

static void test_filter_finds_commands(void **state)
{
    struct browser *browser = *state;
    char *verb = run_check(browser,
                           "(function (model) { var with_verb = model.commands.filter(function (c) { return "
                           "c.has_verb && /^[a-z]+$/i.test(c.verb); }); return with_verb.length ? "
                           "with_verb[with_verb.length - 1].verb.toLowerCase() : ''; })");
    if (!*verb) {
        free(verb);
        skip();
    }
    type_filter(browser, verb);
    char script[1024];
    snprintf(script, sizeof script,
             "function check(model) {\n"
             "  return visibleRowsAre('#command-table tr.command', '#command-table caption', 'commands', "
             "function (row) { return row.textContent.toLowerCase().indexOf('%s') !== -1; });\n"
             "}\n",
             verb);
    assert_rows_check(state, script);
    char *command_shown =
        evaluate(browser, "String(document.querySelectorAll('#command-table tr.command:not([hidden])').length)");
    assert_string_not_equal(command_shown, "0");
    free(command_shown);
    free(verb);
}

/* While filtering by a word, the reply codes' caption counts the rows
 * shown, and each row shown marks the word; emptying the filter removes
 * every mark and gives the caption back. */
static void test_caption_counts_and_marks_matches(void **state)
{
    struct browser *browser = *state;
    char *word = run_check(browser,
                           "(function (model) {\n"
                           "  var rows = Array.prototype.map.call(document.querySelectorAll('#code-table tr.code'),\n"
                           "    function (row) { return row.textContent.toLowerCase(); });\n"
                           "  for (var i = 0; i < model.codes.length; i++) {\n"
                           "    var words = model.codes[i].summary.toLowerCase().match(/[a-z]{5,}/g) || [];\n"
                           "    for (var j = 0; j < words.length; j++)\n"
                           "      if (!rows.every(function (text) { return text.includes(words[j]); }))\n"
                           "        return words[j];\n"
                           "  }\n"
                           "  return '';\n"
                           "})");
    if (!*word) {
        free(word);
        skip();
    }
    type_filter(browser, "");
    char *caption = evaluate(browser, "document.querySelector('#code-table caption').textContent");
    type_filter(browser, word);
    char script[1024];
    snprintf(script, sizeof script,
             "function check(model) {\n"
             "  var shown = visibleRowsAre('#code-table tr.code', '#code-table caption', 'reply codes', function (row) "
             "{ return row.textContent.toLowerCase().indexOf('%s') !== -1; });\n"
             "  if (shown !== 'ok') return shown;\n"
             "  var problems = [];\n"
             "  Array.prototype.forEach.call(document.querySelectorAll('#code-table tr.code'), function (row) {\n"
             "    var marks = Array.prototype.map.call(row.querySelectorAll('mark'), function (m) { return "
             "m.textContent.toLowerCase(); });\n"
             "    var visible = row.getClientRects().length > 0;\n"
             "    if (visible && marks.indexOf('%s') === -1) problems.push(row.id + ' shown without a mark');\n"
             "    if (!visible && marks.length) problems.push(row.id + ' hidden with marks');\n"
             "    if (marks.some(function (m) { return m !== '%s'; })) problems.push(row.id + ' marks ' + marks);\n"
             "  });\n"
             "  if (!document.getElementById('filter-hint').textContent) problems.push('no status');\n"
             "  return problems.length ? problems.join('; ') : 'ok';\n"
             "}\n",
             word, word, word);
    assert_rows_check(state, script);
    type_filter(browser, "");
    char *marks = evaluate(browser, "String(document.querySelectorAll('mark').length)");
    assert_string_equal(marks, "0");
    char *after = evaluate(browser, "document.querySelector('#code-table caption').textContent");
    assert_string_equal(after, caption);
    free(after);
    free(marks);
    free(caption);
    free(word);
}

/* #5.1.1, the form a log or a bounce shows, lands on the X.1.1 entry:
 * the target is in its row, which is in view below the filter and
 * highlighted. */
static void test_enhanced_code_anchor_lands_on_its_entry(void **state)
{
    struct browser *browser = *state;
    char *picked = run_check(browser, pick_enhanced);
    if (!*picked) {
        free(picked);
        skip();
    }
    char *space = strchr(picked, ' ');
    *space = '\0';
    char script[1536];
    snprintf(script, sizeof script,
             "new Promise(function (done) {\n"
             "  location.hash = '#%s';\n"
             "  setTimeout(function () {\n"
             "    var target = document.querySelector(':target'), row = target && target.closest('tr');\n"
             "    if (!row) return done('#%s targets nothing in a row');\n"
             "    if (row.id !== '%s') return done('#%s lands on ' + row.id);\n"
             "    var box = row.getBoundingClientRect(), bar = document.querySelector('form.filter')"
             ".getBoundingClientRect();\n"
             "    if (box.top < bar.bottom - 1 || box.top >= innerHeight) return done('row at ' + box.top + ', "
             "filter ends at ' + bar.bottom);\n"
             "    var background = getComputedStyle(row).backgroundColor;\n"
             "    if (background === getComputedStyle(document.body).backgroundColor || background === 'rgba(0, 0, 0, "
             "0)') return done('the row is not highlighted');\n"
             "    history.replaceState(null, '', location.pathname);\n"
             "    window.scrollTo(0, 0);\n"
             "    done('ok');\n"
             "  }, 200);\n"
             "})",
             picked, picked, space + 1, picked);
    char *result = evaluate(browser, script);
    assert_string_equal(result, "ok");
    free(result);
    free(picked);
}

/* A citation of a section links to that section: rfc-editor.org's
 * "#section-4.2.2" anchor after the document's address. */
static const char check_section_links[] =
    "(function (model) {\n"
    "  var problems = [], sections = 0;\n"
    "  model.codes.forEach(function (code) {\n"
    "    var links = document.getElementById(String(code.code)).querySelectorAll('.refs a');\n"
    "    code.refs.forEach(function (ref, i) {\n"
    "      var section = (ref.label.match(/ section ([0-9][0-9.]*)$/) || [])[1];\n"
    "      if (!section || ref.url.indexOf('#') !== -1) return;\n"
    "      sections++;\n"
    "      var want = ref.url + '#section-' + section;\n"
    "      if (!links[i] || links[i].getAttribute('href') !== want) problems.push(code.code + ': ' + (links[i] && "
    "links[i].getAttribute('href')) + ', want ' + want);\n"
    "    });\n"
    "  });\n"
    "  if (!sections) return 'skip';\n"
    "  return problems.length ? problems.join('; ') : 'ok';\n"
    "})";

static void test_references_link_to_the_section(void **state)
{
    char *result = run_check(*state, check_section_links);
    if (strcmp(result, "skip") == 0) {
        free(result);
        skip();
    }
    assert_string_equal(result, "ok");
    free(result);
}

/* The page's own words (not the spec's) name no protocol: a word that the
 * spec's model does not hold appears nowhere in what the page shows or
 * says to a screen reader, so FTP's page says nothing of SMTP or mail. */
static const char check_own_wording[] =
    "(function (model) {\n"
    "  var strings = [], seen = new Set();\n"
    "  (function walk(value) {\n"
    "    if (typeof value === 'string') strings.push(value);\n"
    "    if (!value || typeof value !== 'object' || seen.has(value)) return;\n"
    "    seen.add(value);\n"
    "    Object.keys(value).forEach(function (key) { walk(value[key]); });\n"
    "  })(model);\n"
    "  var spec = strings.join(' ').toLowerCase(), problems = [];\n"
    "  var said = [document.body.innerText, document.title];\n"
    "  Array.prototype.forEach.call(document.querySelectorAll('[placeholder], [aria-label], [title], [alt]'), "
    "function (element) {\n"
    "    ['placeholder', 'aria-label', 'title', 'alt'].forEach(function (name) { said.push(element.getAttribute(name) "
    "|| ''); });\n"
    "  });\n"
    "  said = said.join(' ').toLowerCase();\n"
    "  ['smtp', 'esmtp', 'mailbox', 'mail', 'rfc 5321', 'rfc 3463', 'enhanced'].forEach(function (word) {\n"
    "    if (spec.indexOf(word) === -1 && said.indexOf(word) !== -1) problems.push('says ' + word + ', which its spec "
    "does not');\n"
    "  });\n"
    "  return problems.length ? problems.join('; ') : 'ok';\n"
    "})";

static void test_page_uses_no_other_protocol_wording(void **state) { assert_check(state, check_own_wording); }

static void test_emptied_filter_shows_every_row(void **state)
{
    struct browser *browser = *state;
    type_filter(browser, "");
    char *shown = run_check(browser, visible_codes);
    char *all = run_check(
        browser, "(function (model) { return model.codes.map(function (c) { return String(c.code); }).join(' '); })");
    assert_string_equal(shown, all);
    free(all);
    free(shown);
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s CHROMIUM REPLYGEN SPEC PAGE.html SCREENSHOT_DIR\n", argv[0]);
        return 2;
    }
    chromium_path = argv[1];
    replygen_path = argv[2];
    spec_path = argv[3];
    page_path = argv[4];
    screenshot_dir = argv[5];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_loads_nothing_from_outside),
        cmocka_unit_test(test_only_the_page_script_may_run),
        cmocka_unit_test(test_javascript_link_does_not_run),
        cmocka_unit_test(test_every_code_has_a_row_and_an_anchor),
        cmocka_unit_test(test_every_row_shows_the_spec_text_literally),
        cmocka_unit_test(test_codes_are_grouped_by_class_with_the_digits_explained),
        cmocka_unit_test(test_every_command_lists_its_replies),
        cmocka_unit_test(test_screenshot_is_saved),
        cmocka_unit_test(test_page_fits_a_phone_screen),
        cmocka_unit_test(test_filter_by_number_narrows_rows),
        cmocka_unit_test(test_filter_by_word_narrows_rows),
        cmocka_unit_test(test_emptied_filter_shows_every_row),
        cmocka_unit_test(test_filter_sits_at_the_top_and_stays_in_view),
        cmocka_unit_test(test_filter_finds_enhanced_codes),
        cmocka_unit_test(test_filter_finds_commands),
        cmocka_unit_test(test_caption_counts_and_marks_matches),
        cmocka_unit_test(test_enhanced_code_anchor_lands_on_its_entry),
        cmocka_unit_test(test_references_link_to_the_section),
        cmocka_unit_test(test_page_uses_no_other_protocol_wording),
        cmocka_unit_test(test_emptied_filter_shows_every_row),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
