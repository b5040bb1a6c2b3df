/* test_ftp_rfc_sequences.c: every FTP command's replies, through the
 * generated ftp_reply_role_for(), against a table written by hand from
 * RFC 959 section 5.4, RFC 2228 section 8.2, RFC 4217 section 10.2 and
 * the other extension RFCs (not from spec/ftp.yaml), and the text RFC 4217
 * gives 522 to the data transfer commands. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "ftp_replies.h"
#include "rfc_sequences.h"

/* The codes of each role, each list ended by 0. RFC 959 section 5.4 lists
 * preliminary replies first, the replies that follow them indented under
 * them, then completion replies, then intermediate ones. */
struct rfc_sequence {
    enum ftp_command command;
    const char *verb;
    int preliminary[4];
    int success[4];
    int intermediate[4];
    int error[24];
    int any_command;
};

/* 421 "may be a reply to any command if the service knows it must shut
 * down" (RFC 959 section 4.2.1); section 5.4 lists 500 for every command. */
static const int any_command[] = { 421, 500, 0 };

/* RFC 2228 section 8.2: "any security command can return 500, 501, 502,
 * 533, or 421"; written out in each security command's row. */
static const struct rfc_sequence sequences[] = {
    /* RFC 959 5.4, Connection Establishment: 120 (then 220), 220, 421. */
    { FTP_COMMAND_CONNECT, "", { 120, 0 }, { 220, 0 }, { 0 }, { 421, 0 }, 0 },
    /* Login. USER: 230, 530, 500, 501, 421, 331, 332; RFC 2228 8.2 adds
     * 232 and 336. */
    { FTP_COMMAND_USER, "USER", { 0 }, { 230, 232, 0 }, { 331, 332, 336, 0 }, { 530, 500, 501, 421, 0 }, 1 },
    { FTP_COMMAND_PASS, "PASS", { 0 }, { 230, 202, 0 }, { 332, 0 }, { 530, 500, 501, 503, 421, 0 }, 1 },
    { FTP_COMMAND_ACCT, "ACCT", { 0 }, { 230, 202, 0 }, { 0 }, { 530, 500, 501, 503, 421, 0 }, 1 },
    { FTP_COMMAND_CWD, "CWD", { 0 }, { 250, 0 }, { 0 }, { 500, 501, 502, 421, 530, 550, 0 }, 1 },
    { FTP_COMMAND_CDUP, "CDUP", { 0 }, { 200, 0 }, { 0 }, { 500, 501, 502, 421, 530, 550, 0 }, 1 },
    { FTP_COMMAND_SMNT, "SMNT", { 0 }, { 202, 250, 0 }, { 0 }, { 500, 501, 502, 421, 530, 550, 0 }, 1 },
    /* Logout. REIN: 120 (then 220), 220, 421, 500, 502. QUIT: 221, 500. */
    { FTP_COMMAND_REIN, "REIN", { 120, 0 }, { 220, 0 }, { 0 }, { 421, 500, 502, 0 }, 1 },
    { FTP_COMMAND_QUIT, "QUIT", { 0 }, { 221, 0 }, { 0 }, { 500, 0 }, 1 },
    /* Transfer parameters. */
    { FTP_COMMAND_PORT, "PORT", { 0 }, { 200, 0 }, { 0 }, { 500, 501, 421, 530, 0 }, 1 },
    { FTP_COMMAND_PASV, "PASV", { 0 }, { 227, 0 }, { 0 }, { 500, 501, 502, 421, 530, 0 }, 1 },
    { FTP_COMMAND_MODE, "MODE", { 0 }, { 200, 0 }, { 0 }, { 500, 501, 504, 421, 530, 0 }, 1 },
    { FTP_COMMAND_TYPE, "TYPE", { 0 }, { 200, 0 }, { 0 }, { 500, 501, 504, 421, 530, 0 }, 1 },
    { FTP_COMMAND_STRU, "STRU", { 0 }, { 200, 0 }, { 0 }, { 500, 501, 504, 421, 530, 0 }, 1 },
    /* File action commands. */
    { FTP_COMMAND_ALLO, "ALLO", { 0 }, { 200, 202, 0 }, { 0 }, { 500, 501, 504, 421, 530, 0 }, 1 },
    { FTP_COMMAND_REST, "REST", { 0 }, { 0 }, { 350, 0 }, { 500, 501, 502, 421, 530, 0 }, 1 },
    /* STOR, STOU, RETR, APPE: 125, 150, (110) under them; RFC 2228 8.2 adds
     * 534, 535; RFC 4217 10.2 adds 521 (before any 1yz reply) and 522
     * (after the 150). */
    { FTP_COMMAND_STOR,
      "STOR",
      { 125, 150, 110, 0 },
      { 226, 250, 0 },
      { 0 },
      { 425, 426, 451, 551, 552, 532, 450, 452, 553, 500, 501, 421, 530, 534, 535, 521, 522, 0 },
      1 },
    { FTP_COMMAND_STOU,
      "STOU",
      { 125, 150, 110, 0 },
      { 226, 250, 0 },
      { 0 },
      { 425, 426, 451, 551, 552, 532, 450, 452, 553, 500, 501, 421, 530, 534, 535, 521, 522, 0 },
      1 },
    { FTP_COMMAND_RETR,
      "RETR",
      { 125, 150, 110, 0 },
      { 226, 250, 0 },
      { 0 },
      { 425, 426, 451, 450, 550, 500, 501, 421, 530, 534, 535, 521, 522, 0 },
      1 },
    /* LIST, NLST: 125, 150 without 110. */
    { FTP_COMMAND_LIST,
      "LIST",
      { 125, 150, 0 },
      { 226, 250, 0 },
      { 0 },
      { 425, 426, 451, 450, 500, 501, 502, 421, 530, 534, 535, 521, 522, 0 },
      1 },
    { FTP_COMMAND_NLST,
      "NLST",
      { 125, 150, 0 },
      { 226, 250, 0 },
      { 0 },
      { 425, 426, 451, 450, 500, 501, 502, 421, 530, 534, 535, 521, 522, 0 },
      1 },
    { FTP_COMMAND_APPE,
      "APPE",
      { 125, 150, 110, 0 },
      { 226, 250, 0 },
      { 0 },
      { 425, 426, 451, 551, 552, 532, 450, 550, 452, 553, 500, 501, 502, 421, 530, 534, 535, 521, 522, 0 },
      1 },
    { FTP_COMMAND_RNFR, "RNFR", { 0 }, { 0 }, { 350, 0 }, { 450, 550, 500, 501, 502, 421, 530, 0 }, 1 },
    { FTP_COMMAND_RNTO, "RNTO", { 0 }, { 250, 0 }, { 0 }, { 532, 553, 500, 501, 502, 503, 421, 530, 0 }, 1 },
    { FTP_COMMAND_ABOR, "ABOR", { 0 }, { 225, 226, 0 }, { 0 }, { 500, 501, 502, 421, 0 }, 1 },
    { FTP_COMMAND_DELE, "DELE", { 0 }, { 250, 0 }, { 0 }, { 450, 550, 500, 501, 502, 421, 530, 0 }, 1 },
    { FTP_COMMAND_RMD, "RMD", { 0 }, { 250, 0 }, { 0 }, { 500, 501, 502, 421, 530, 550, 0 }, 1 },
    { FTP_COMMAND_MKD, "MKD", { 0 }, { 257, 0 }, { 0 }, { 500, 501, 502, 421, 530, 550, 0 }, 1 },
    { FTP_COMMAND_PWD, "PWD", { 0 }, { 257, 0 }, { 0 }, { 500, 501, 502, 421, 550, 0 }, 1 },
    /* Informational and miscellaneous commands. */
    { FTP_COMMAND_SYST, "SYST", { 0 }, { 215, 0 }, { 0 }, { 500, 501, 502, 421, 0 }, 1 },
    { FTP_COMMAND_STAT, "STAT", { 0 }, { 211, 212, 213, 0 }, { 0 }, { 450, 500, 501, 502, 421, 530, 0 }, 1 },
    { FTP_COMMAND_HELP, "HELP", { 0 }, { 211, 214, 0 }, { 0 }, { 500, 501, 502, 421, 0 }, 1 },
    { FTP_COMMAND_SITE, "SITE", { 0 }, { 200, 202, 0 }, { 0 }, { 500, 501, 530, 0 }, 1 },
    { FTP_COMMAND_NOOP, "NOOP", { 0 }, { 200, 0 }, { 0 }, { 500, 421, 0 }, 1 },
    /* RFC 2228 8.2, Security Association Setup. AUTH: 234, 334, 502, 504,
     * 534, 431, 500, 501, 421; ADAT: 235, 335, 503, 501, 535, 500, 501,
     * 421; and 502, 533 as any security command. */
    { FTP_COMMAND_AUTH, "AUTH", { 0 }, { 234, 0 }, { 334, 0 }, { 502, 504, 534, 431, 500, 501, 421, 533, 0 }, 1 },
    { FTP_COMMAND_ADAT, "ADAT", { 0 }, { 235, 0 }, { 335, 0 }, { 503, 501, 535, 500, 421, 502, 533, 0 }, 1 },
    /* Data protection negotiation commands. PBSZ: 200, 503, 500, 501, 421,
     * 530; PROT: 200, 504, 536, 503, 534, 431, 500, 501, 421, 530. */
    { FTP_COMMAND_PBSZ, "PBSZ", { 0 }, { 200, 0 }, { 0 }, { 503, 500, 501, 421, 530, 502, 533, 0 }, 1 },
    { FTP_COMMAND_PROT,
      "PROT",
      { 0 },
      { 200, 0 },
      { 0 },
      { 504, 536, 503, 534, 431, 500, 501, 421, 530, 502, 533, 0 },
      1 },
    /* CCC is in RFC 2228 section 3 (200, 533, 534), not in the 8.2 table:
     * the codes of any security command. */
    { FTP_COMMAND_CCC, "CCC", { 0 }, { 200, 0 }, { 0 }, { 533, 534, 500, 501, 502, 421, 0 }, 1 },
    /* Command channel protection commands: 535, 533, 500, 501, 421. */
    { FTP_COMMAND_MIC, "MIC", { 0 }, { 0 }, { 0 }, { 535, 533, 500, 501, 421, 502, 0 }, 1 },
    { FTP_COMMAND_CONF, "CONF", { 0 }, { 0 }, { 0 }, { 535, 533, 500, 501, 421, 502, 0 }, 1 },
    { FTP_COMMAND_ENC, "ENC", { 0 }, { 0 }, { 0 }, { 535, 533, 500, 501, 421, 502, 0 }, 1 },
    /* RFC 2428 sections 2 and 3: 200 or 229, 500, 501, 522. */
    { FTP_COMMAND_EPRT, "EPRT", { 0 }, { 200, 0 }, { 0 }, { 500, 501, 522, 0 }, 1 },
    { FTP_COMMAND_EPSV, "EPSV", { 0 }, { 229, 0 }, { 0 }, { 500, 501, 522, 0 }, 1 },
    /* RFC 3659 sections 3.2, 4.2, 7.2.1: MDTM and SIZE 213, 550, 500,
     * 501; MLST 250, MLSD 150 then 226; both 500, 501, 550, 530, 553,
     * 503, 504. */
    { FTP_COMMAND_MDTM, "MDTM", { 0 }, { 213, 0 }, { 0 }, { 550, 500, 501, 0 }, 1 },
    { FTP_COMMAND_SIZE, "SIZE", { 0 }, { 213, 0 }, { 0 }, { 550, 500, 501, 0 }, 1 },
    { FTP_COMMAND_MLST, "MLST", { 0 }, { 250, 0 }, { 0 }, { 500, 501, 550, 530, 553, 503, 504, 0 }, 1 },
    { FTP_COMMAND_MLSD, "MLSD", { 150, 0 }, { 226, 0 }, { 0 }, { 500, 501, 550, 530, 553, 503, 504, 0 }, 1 },
};

static const char *verb_of(int command) { return ftp_command_verb((enum ftp_command)command); }

static int role_of(int command, int code) { return (int)ftp_reply_role_for((enum ftp_command)command, code); }

static const char *role_name(int role) { return ftp_role_name((enum ftp_reply_role)role); }

static void test_every_command_gets_the_replies_the_rfcs_list(void **state)
{
    size_t i;
    int seen[FTP_COMMAND_COUNT] = { 0 };
    (void)state;
    assert_int_equal(sizeof sequences / sizeof sequences[0], FTP_COMMAND_COUNT);
    for (i = 0; i < sizeof sequences / sizeof sequences[0]; i++) {
        const struct rfc_sequence *s = &sequences[i];
        const struct rfc_roles roles = { s->success, s->intermediate, s->error, s->preliminary,
                                         s->any_command ? any_command : NULL };
        seen[s->command]++;
        rfc_check_command((int)s->command, s->verb, &roles, verb_of, role_of, role_name,
                          (struct rfc_role_values){ FTP_ROLE_SUCCESS, FTP_ROLE_INTERMEDIATE, FTP_ROLE_ERROR,
                                                    FTP_ROLE_PRELIMINARY, FTP_ROLE_UNEXPECTED });
    }
    for (i = 0; i < FTP_COMMAND_COUNT; i++)
        if (seen[i] != 1)
            fail_msg("command %s is in the RFC table %d times", ftp_command_name((enum ftp_command)i), seen[i]);
}

/* RFC 4217 section 10.2: after the 150 to a data transfer command, 522
 * "indicates that the TLS negotiation failed or was unacceptable"; to EPRT
 * and EPSV 522 keeps RFC 2428's text. */
static void test_522_means_a_failed_tls_negotiation_on_data_commands(void **state)
{
    static const enum ftp_command data_commands[] = { FTP_COMMAND_STOR, FTP_COMMAND_STOU, FTP_COMMAND_RETR,
                                                      FTP_COMMAND_LIST, FTP_COMMAND_NLST, FTP_COMMAND_APPE };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof data_commands / sizeof data_commands[0]; i++)
        assert_string_equal(ftp_command_reply_info_text(ftp_command_reply_lookup(data_commands[i], 522)),
                            "TLS negotiation failed or was unacceptable");
    assert_int_equal(FTP_COMMAND_REPLY_COUNT, sizeof data_commands / sizeof data_commands[0]);
    assert_null(ftp_command_reply_lookup(FTP_COMMAND_EPRT, 522));
    assert_string_equal(ftp_reply_info_text(ftp_reply_lookup(522)),
                        "Network protocol not supported, use (<prot1>,<prot2>,...,<protn>)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_command_gets_the_replies_the_rfcs_list),
        cmocka_unit_test(test_522_means_a_failed_tls_negotiation_on_data_commands),
    };
    return cmocka_run_group_tests_name("ftp_rfc_sequences", tests, NULL, NULL);
}
