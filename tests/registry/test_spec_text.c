/* test_spec_text.c: the places and edits import-registry makes in a spec's
 * text: a mark's column counted in characters as libyaml counts them, the
 * lines of a block, comments outside quotes, and edits applied in order of
 * place with every other byte kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "spec_text.h"

#include <string.h>

static const char yaml[] = "codes:\n"                             /* 1 */
                           "  - code: X.1.1\n"                    /* 2 */
                           "    text: \"café # not a comment\"\n" /* 3 */
                           "    description: >-\n"                /* 4 */
                           "      Two lines\n"                    /* 5 */
                           "\n"                                   /* 6 */
                           "      of text.\n"                     /* 7 */
                           "    basic: [550]  # a comment\n"      /* 8 */
                           "\n"                                   /* 9 */
                           "  - code: X.1.2\n";                   /* 10 */

static void test_column_is_counted_in_characters(void **state)
{
    (void)state;
    struct spec_text text;
    spec_text_init(&text, yaml, strlen(yaml));
    assert_int_equal(text.line_count, 10);
    /* "é" is two bytes and one column: column 16 of line 3 is the ' ' after it. */
    struct mark after_e = { "s.yaml", 3, 16 };
    size_t offset = spec_text_offset(&text, &after_e);
    assert_memory_equal(yaml + offset, " # not", 6);
    spec_text_free(&text);
}

static void test_block_of_entry_and_of_folded_value(void **state)
{
    (void)state;
    struct spec_text text;
    spec_text_init(&text, yaml, strlen(yaml));
    assert_int_equal(spec_text_block_end(&text, 2, 2), 8); /* the entry, less its blank line */
    assert_int_equal(spec_text_block_end(&text, 4, 4), 7); /* the folded value, blank line inside kept */
    assert_int_equal(spec_text_block_end(&text, 10, 2), 10);
    spec_text_free(&text);
}

static void test_comment_only_outside_quotes(void **state)
{
    (void)state;
    struct spec_text text;
    spec_text_init(&text, yaml, strlen(yaml));
    assert_int_equal(spec_text_trailing_comment(&text, 3, spec_text_line_start(&text, 3)), 0);
    size_t comment = spec_text_trailing_comment(&text, 8, spec_text_line_start(&text, 8));
    assert_string_equal(yaml + comment, "# a comment\n\n  - code: X.1.2\n");
    assert_true(spec_text_comment(&text, 1) == false);
    assert_true(spec_text_blank(&text, 6));
    spec_text_free(&text);
}

static void test_edits_keep_every_other_byte(void **state)
{
    (void)state;
    struct spec_text text;
    spec_text_init(&text, yaml, strlen(yaml));
    struct spec_edits edits = { NULL, 0 };
    struct mark value = { "s.yaml", 8, 12 };
    size_t start = spec_text_offset(&text, &value);
    /* Added out of order; the two insertions at one place keep theirs. */
    spec_edits_add(&edits, spec_text_line_start(&text, 11), spec_text_line_start(&text, 11), "  - code: X.1.3\n");
    spec_edits_add(&edits, start, start + 5, "[]");
    spec_edits_add(&edits, spec_text_line_start(&text, 11), spec_text_line_start(&text, 11), "  - code: X.1.4\n");
    struct buffer out;
    buffer_init(&out);
    spec_edits_apply(&text, &edits, &out);
    const char *expected_end = "    basic: []  # a comment\n\n  - code: X.1.2\n  - code: X.1.3\n  - code: X.1.4\n";
    size_t kept = start;
    assert_memory_equal(out.data, yaml, kept);
    assert_string_equal(out.data + kept - strlen("    basic: "), expected_end);
    buffer_free(&out);
    spec_edits_free(&edits);
    spec_text_free(&text);
}

static void test_quoted_scalar_escapes(void **state)
{
    (void)state;
    struct buffer out;
    buffer_init(&out);
    spec_text_append_quoted(&out, "a \"b\" \\ c\td");
    assert_string_equal(out.data, "\"a \\\"b\\\" \\\\ c\\x09d\"");
    buffer_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column_is_counted_in_characters),
        cmocka_unit_test(test_block_of_entry_and_of_folded_value),
        cmocka_unit_test(test_comment_only_outside_quotes),
        cmocka_unit_test(test_edits_keep_every_other_byte),
        cmocka_unit_test(test_quoted_scalar_escapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
