/* rfc_sequences.h: the check that a generated role_for() gives a command
 * exactly the replies of a table written by hand from an RFC, shared by
 * the SMTP and FTP tests of tests/rfc/. */
#ifndef RFC_SEQUENCES_H
#define RFC_SEQUENCES_H

/* The codes of a command in each role, each list ended by 0; NULL for
 * none. any_command: the codes that any command may get, which count as
 * errors unless the command lists them itself. */
struct rfc_roles {
    const int *success;
    const int *intermediate;
    const int *error;
    const int *preliminary;
    const int *any_command;
};

/* The generated enum's value of each role. */
struct rfc_role_values {
    int success;
    int intermediate;
    int error;
    int preliminary;
    int unexpected;
};

/* Fails the current cmocka test, naming the command and the code, unless
 * verb_of(command) is verb and role_of(command, code) is the role the
 * table gives each code from 100 to 999 (unexpected for a code it does
 * not list); also when the table lists a code in two roles. */
void rfc_check_command(int command, const char *verb, const struct rfc_roles *roles, const char *(*verb_of)(int),
                       int (*role_of)(int, int), const char *(*role_name)(int), struct rfc_role_values values);

#endif
