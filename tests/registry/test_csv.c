/* test_csv.c: the RFC 4180 reader the registry import uses, on the forms
 * IANA's files take (quoted fields with commas, quotes and line breaks,
 * CRLF) and on each malformed place it must name. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read text; the diagnostics land in messages. */
static int read_text(const char *text, struct csv *csv, char *messages, size_t size)
{
    FILE *out = fmemopen(messages, size, "w");
    assert_non_null(out);
    struct diag diag;
    diag_init(&diag, out);
    int status = csv_read("r.csv", text, strlen(text), csv, &diag);
    fclose(out);
    return status;
}

static void assert_record(const struct csv *csv, size_t index, unsigned line, size_t count, const char *const *fields)
{
    assert_true(index < csv->count);
    const struct csv_record *record = &csv->records[index];
    assert_int_equal(record->line, line);
    assert_int_equal(record->count, count);
    for (size_t i = 0; i < count; i++)
        assert_string_equal(record->fields[i], fields[i]);
}

static void test_plain_and_quoted_fields_with_crlf(void **state)
{
    (void)state;
    struct csv csv;
    char messages[256] = "";
    assert_int_equal(read_text("Code,Text\r\nX.1.1,\"Bad, \"\"quoted\"\"\r\naddress\"\r\nX.1.2,\r\n", &csv, messages,
                               sizeof messages),
                     0);
    assert_int_equal(csv.count, 3);
    assert_record(&csv, 0, 1, 2, (const char *const[]){ "Code", "Text" });
    assert_record(&csv, 1, 2, 2, (const char *const[]){ "X.1.1", "Bad, \"quoted\"\r\naddress" });
    assert_record(&csv, 2, 4, 2, (const char *const[]){ "X.1.2", "" });
    csv_free(&csv);
}

static void test_last_record_needs_no_line_break_and_bom_is_skipped(void **state)
{
    (void)state;
    struct csv csv;
    char messages[256] = "";
    assert_int_equal(read_text("\xef\xbb\xbf"
                               "a,b\n\"\",c",
                               &csv, messages, sizeof messages),
                     0);
    assert_int_equal(csv.count, 2);
    assert_record(&csv, 0, 1, 2, (const char *const[]){ "a", "b" });
    assert_record(&csv, 1, 2, 2, (const char *const[]){ "", "c" });
    csv_free(&csv);
}

static void test_malformed(const char *text, const char *message)
{
    struct csv csv;
    char messages[256] = "";
    assert_int_equal(read_text(text, &csv, messages, sizeof messages), -1);
    assert_string_equal(messages, message);
    csv_free(&csv);
}

static void test_quote_inside_unquoted_field_is_refused(void **state)
{
    (void)state;
    test_malformed("a,b\nc,d\"e\n", "r.csv:2:4: error: a quote in a field that does not start with one\n");
}

static void test_text_after_closing_quote_is_refused(void **state)
{
    (void)state;
    test_malformed("\"a\"b,c\n",
                   "r.csv:1:4: error: a closing quote must end its field (a quote inside a quoted field "
                   "is written twice)\n");
}

static void test_open_quote_at_end_is_refused(void **state)
{
    (void)state;
    test_malformed("a\n\"b,\nc\n", "r.csv:2:1: error: quoted field not closed before the end of the file\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_quoted_fields_with_crlf),
        cmocka_unit_test(test_last_record_needs_no_line_break_and_bom_is_skipped),
        cmocka_unit_test(test_quote_inside_unquoted_field_is_refused),
        cmocka_unit_test(test_text_after_closing_quote_is_refused),
        cmocka_unit_test(test_open_quote_at_end_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
