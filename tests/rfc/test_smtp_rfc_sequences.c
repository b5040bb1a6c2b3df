/* test_smtp_rfc_sequences.c: every SMTP command's replies, through the
 * generated smtp_reply_role_for(), against a table written by hand from
 * RFC 5321 section 4.3.2 and the extension RFCs (not from spec/smtp.yaml),
 * and the texts those RFCs give a reply as the answer to one command,
 * through smtp_command_reply_lookup(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "rfc_sequences.h"
#include "smtp_replies.h"

#include <string.h>

/* The codes of each role, each list ended by 0. */
struct rfc_sequence {
    enum smtp_command command;
    const char *verb;
    int success[8];
    int intermediate[4];
    int error[20];
    int any_command; /* whether RFC 5321 4.3.2's "any command" codes apply */
};

/* RFC 5321 section 4.3.2: "any SMTP command can return any of the
 * following codes": 500, 501, 421. */
static const int any_command[] = { 500, 501, 421, 0 };

static const struct rfc_sequence sequences[] = {
    /* CONNECTION ESTABLISHMENT: S: 220, E: 554; RFC 7504 section 5.1 puts
     * 521 before 554; RFC 5321 section 3.8: 421 at any time. Not a
     * command: "any command" codes do not apply. */
    { SMTP_COMMAND_GREETING, "", { 220, 0 }, { 0 }, { 521, 554, 421, 0 }, 0 },
    /* EHLO or HELO: S: 250, E: 504 (a conforming implementation could
     * return this code only in fairly obscure cases), 550, 502; RFC 3207
     * section 4: 530 to every command but NOOP, EHLO, STARTTLS, QUIT. */
    { SMTP_COMMAND_EHLO, "EHLO", { 250, 0 }, { 0 }, { 504, 550, 502, 0 }, 1 },
    { SMTP_COMMAND_HELO, "HELO", { 250, 0 }, { 0 }, { 504, 550, 502, 530, 0 }, 1 },
    /* MAIL: S: 250, E: 552, 451, 452, 550, 553, 503, 455, 555; RFC 4954
     * section 6: 530 from any command but AUTH, EHLO, HELO, NOOP, RSET,
     * QUIT. */
    { SMTP_COMMAND_MAIL, "MAIL", { 250, 0 }, { 0 }, { 552, 451, 452, 550, 553, 503, 455, 555, 530, 0 }, 1 },
    /* RCPT: S: 250, 251, E: 550, 551, 552, 553, 450, 451, 452, 503, 455,
     * 555; RFC 7504 section 5.1: 556; RFC 4954: 530. */
    { SMTP_COMMAND_RCPT,
      "RCPT",
      { 250, 251, 0 },
      { 0 },
      { 550, 551, 552, 553, 450, 451, 452, 503, 455, 555, 556, 530, 0 },
      1 },
    /* DATA: I: 354, E: 503, 554; RFC 4954: 530. */
    { SMTP_COMMAND_DATA, "DATA", { 0 }, { 354, 0 }, { 503, 554, 530, 0 }, 1 },
    /* 354 -> data -> S: 250, E: 552, 554, 451, 452, E: 450, 550; not a
     * command line, but 421 may come at any time (RFC 5321 3.8). */
    { SMTP_COMMAND_END_OF_DATA, ".", { 250, 0 }, { 0 }, { 552, 554, 451, 452, 450, 550, 421, 0 }, 0 },
    /* RSET: S: 250; RFC 3207: 530 (RFC 4954 exempts RSET). */
    { SMTP_COMMAND_RSET, "RSET", { 250, 0 }, { 0 }, { 530, 0 }, 1 },
    /* VRFY: S: 250, 251, 252, E: 550, 551, 553, 502, 504; 530. */
    { SMTP_COMMAND_VRFY, "VRFY", { 250, 251, 252, 0 }, { 0 }, { 550, 551, 553, 502, 504, 530, 0 }, 1 },
    /* EXPN: S: 250, 252, E: 550, 500, 502, 504; 530. */
    { SMTP_COMMAND_EXPN, "EXPN", { 250, 252, 0 }, { 0 }, { 550, 500, 502, 504, 530, 0 }, 1 },
    /* HELP: S: 211, 214, E: 502, 504; 530. */
    { SMTP_COMMAND_HELP, "HELP", { 211, 214, 0 }, { 0 }, { 502, 504, 530, 0 }, 1 },
    /* NOOP: S: 250. QUIT: S: 221. */
    { SMTP_COMMAND_NOOP, "NOOP", { 250, 0 }, { 0 }, { 0 }, 1 },
    { SMTP_COMMAND_QUIT, "QUIT", { 221, 0 }, { 0 }, { 0 }, 1 },
    /* RFC 3207 section 4: 220, 501, 454; RFC 4954: 530. */
    { SMTP_COMMAND_STARTTLS, "STARTTLS", { 220, 0 }, { 0 }, { 501, 454, 530, 0 }, 1 },
    /* RFC 4954 sections 4 and 6: 235, 334, 432, 454, 500, 501, 503, 504,
     * 534, 535, 538; RFC 3207: 530. */
    { SMTP_COMMAND_AUTH, "AUTH", { 235, 0 }, { 334, 0 }, { 432, 454, 500, 501, 503, 504, 534, 535, 538, 530, 0 }, 1 },
    /* RFC 1985: 250, 251, 252, 253, 458, 459, 500, 501; RFC 4954: 530. */
    { SMTP_COMMAND_ETRN, "ETRN", { 250, 251, 252, 253, 0 }, { 0 }, { 458, 459, 500, 501, 530, 0 }, 1 },
    /* RFC 2645 section 7: 250, 450, 451, 453, 502, 530. */
    { SMTP_COMMAND_ATRN, "ATRN", { 250, 0 }, { 0 }, { 450, 451, 453, 502, 530, 0 }, 1 },
    /* RFC 3030 section 2: 250 per chunk, 503 after BDAT LAST or with DATA,
     * "the appropriate 5XX or 4XX code": those of the end of mail data
     * (RFC 5321 4.3.2); RFC 4954: 530. */
    { SMTP_COMMAND_BDAT, "BDAT", { 250, 0 }, { 0 }, { 503, 552, 554, 451, 452, 450, 550, 530, 0 }, 1 },
    /* RFC 4468 section 6: 554, 503, 552, 250, 451; RFC 4954: 530. */
    { SMTP_COMMAND_BURL, "BURL", { 250, 0 }, { 0 }, { 554, 503, 552, 451, 530, 0 }, 1 },
};

static const char *verb_of(int command) { return smtp_command_verb((enum smtp_command)command); }

static int role_of(int command, int code) { return (int)smtp_reply_role_for((enum smtp_command)command, code); }

static const char *role_name(int role) { return smtp_role_name((enum smtp_reply_role)role); }

static void test_every_command_gets_the_replies_the_rfcs_list(void **state)
{
    size_t i;
    int seen[SMTP_COMMAND_COUNT] = { 0 };
    (void)state;
    assert_int_equal(sizeof sequences / sizeof sequences[0], SMTP_COMMAND_COUNT);
    for (i = 0; i < sizeof sequences / sizeof sequences[0]; i++) {
        const struct rfc_sequence *s = &sequences[i];
        const struct rfc_roles roles = { s->success, s->intermediate, s->error, NULL,
                                         s->any_command ? any_command : NULL };
        seen[s->command]++;
        rfc_check_command((int)s->command, s->verb, &roles, verb_of, role_of, role_name,
                          (struct rfc_role_values){ SMTP_ROLE_SUCCESS, SMTP_ROLE_INTERMEDIATE, SMTP_ROLE_ERROR,
                                                    SMTP_ROLE_PRELIMINARY, SMTP_ROLE_UNEXPECTED });
    }
    for (i = 0; i < SMTP_COMMAND_COUNT; i++)
        if (seen[i] != 1)
            fail_msg("command %s is in the RFC table %d times", smtp_command_name((enum smtp_command)i), seen[i]);
}

/* The texts the RFCs give a reply as the answer to one command. */
static const struct rfc_text {
    enum smtp_command command;
    int code;
    const char *text;
} texts[] = {
    { SMTP_COMMAND_GREETING, 521, "Host does not accept mail" }, /* RFC 7504 5.1 */
    { SMTP_COMMAND_STARTTLS, 220, "Ready to start TLS" },        /* RFC 3207 4 */
    { SMTP_COMMAND_STARTTLS, 454, "TLS not available due to temporary reason" },
    { SMTP_COMMAND_STARTTLS, 501, "Syntax error (no parameters allowed)" },
    { SMTP_COMMAND_HELO, 530, "Must issue a STARTTLS command first" },
    { SMTP_COMMAND_RSET, 530, "Must issue a STARTTLS command first" },
    { SMTP_COMMAND_AUTH, 530, "Must issue a STARTTLS command first" },
    { SMTP_COMMAND_AUTH, 454, "4.7.0 Temporary authentication failure" }, /* RFC 4954 6 */
    { SMTP_COMMAND_AUTH, 500, "5.5.6 Authentication Exchange line is too long" },
    { SMTP_COMMAND_ETRN, 250, "OK, queuing for node <x> started" }, /* RFC 1985 */
    { SMTP_COMMAND_ETRN, 251, "OK, no messages waiting for node <x>" },
    { SMTP_COMMAND_ETRN, 252, "OK, pending messages for node <x> started" },
    { SMTP_COMMAND_ETRN, 500, "Syntax Error" },
    { SMTP_COMMAND_ETRN, 501, "Syntax Error in Parameters" },
    { SMTP_COMMAND_ATRN, 250, "Requested mail action okay, completed" }, /* RFC 2645 7 */
    { SMTP_COMMAND_ATRN, 450, "ATRN request refused" },
    { SMTP_COMMAND_ATRN, 451, "Unable to process ATRN request now" },
    { SMTP_COMMAND_BURL, 250, "2.5.0 Waiting for additional BURL or BDAT commands" }, /* RFC 4468 6 */
    { SMTP_COMMAND_BURL, 451, "4.4.1 IMAP server unavailable" },
    { SMTP_COMMAND_BURL, 503, "5.5.0 Valid RCPT TO required before BURL" },
    { SMTP_COMMAND_BURL, 552, "5.2.2 Mailbox full" },
    { SMTP_COMMAND_BURL, 554, "5.6.6 IMAP URL resolution failed" },
};

static void test_replies_have_the_text_the_rfcs_give_to_one_command(void **state)
{
    size_t i;
    (void)state;
    assert_int_equal(sizeof texts / sizeof texts[0], SMTP_COMMAND_REPLY_COUNT);
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const struct smtp_command_reply_info *info = smtp_command_reply_lookup(texts[i].command, texts[i].code);
        if (info == NULL)
            fail_msg("%d to %s has no text of its own", texts[i].code, smtp_command_name(texts[i].command));
        assert_string_equal(smtp_command_reply_info_text(info), texts[i].text);
    }
    /* The general text stays the code's own. */
    assert_string_equal(smtp_reply_info_text(smtp_reply_lookup(220)), "<domain> Service ready");
    assert_null(smtp_command_reply_lookup(SMTP_COMMAND_GREETING, 220));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_command_gets_the_replies_the_rfcs_list),
        cmocka_unit_test(test_replies_have_the_text_the_rfcs_give_to_one_command),
    };
    return cmocka_run_group_tests_name("smtp_rfc_sequences", tests, NULL, NULL);
}
