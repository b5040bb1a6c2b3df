/* replygen/reply.h: parse, classify and format three-digit protocol replies
 * (RFC 5321 section 4.2 and the protocols that share its reply format).
 *
 * The library is protocol-generic. What a code means comes from a
 * struct reply_protocol that replygen generates for each spec
 * (smtp_protocol for spec/smtp.yaml, declared in smtp_protocol.h).
 *
 * Memory: nothing here allocates. The caller owns every buffer; texts a
 * parse returns point into the caller's input or storage and are not
 * NUL-terminated (use the length). Strings a protocol returns are static.
 *
 * Tasks, in the order below:
 *   options and errors      struct reply_options, enum reply_error
 *   enhanced status codes   reply_enhanced_parse(), reply_enhanced_agrees()
 *   reply text              reply_text_scan_char()
 *   one line                reply_parse_line()
 *   whole replies, streamed struct reply_parser, reply_parser_feed()
 *   meaning                 struct reply_protocol, reply_options_for(),
 *                           reply_class_of(), ...
 *   formatting for servers  reply_format()
 *
 * A client reading replies from a socket:
 *
 *   char storage[REPLY_SUGGESTED_STORAGE_SIZE];
 *   struct reply_line lines[REPLY_SUGGESTED_MAX_LINES];
 *   struct reply_parser parser;
 *   struct reply_options options;
 *   reply_options_for(&options, &smtp_protocol);  // the spec's line limit, ...
 *   reply_parser_init(&parser, &options, storage, sizeof storage,
 *                     lines, REPLY_SUGGESTED_MAX_LINES);
 *   ... for each piece received (data, size):
 *   while (size > 0) {
 *       struct reply reply;
 *       size_t used;
 *       enum reply_progress p = reply_parser_feed(&parser, data, size, &used, &reply);
 *       if (p == REPLY_FAILED) ...;  // reply_parser_error() says why and where
 *       if (p == REPLY_COMPLETE && reply_action_of(&smtp_protocol, reply.code)
 *                                  == REPLY_ACTION_RETRY_LATER) ...;
 *       data += used;
 *       size -= used;
 *   }
 */
#ifndef REPLYGEN_REPLY_H
#define REPLYGEN_REPLY_H

#include <stddef.h>
#include <stdint.h>

#include "reply_roles.h"

/* REPLY_API marks each function libreplygen exports, as libyaml's
 * YAML_DECLARE does. The library is built with hidden visibility
 * (-fvisibility=hidden), so that only what this header and the generated
 * headers installed beside it declare is exported; everything else in
 * the library stays internal. */
#if defined(__GNUC__) || defined(__clang__)
#define REPLY_API __attribute__((visibility("default")))
#else
#define REPLY_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Options and errors                                                  */
/* ------------------------------------------------------------------ */

/* RFC 5321 section 4.5.3.1.5: a reply line is at most 512 octets,
 * including the code and the CRLF. */
#define REPLY_RFC_LINE_LIMIT 512

/* Section 4.5.3.1 asks receivers to be liberal, and real servers send
 * longer lines (long rejection texts, banners). The default hard limit
 * accepts eight times the RFC's; past it a parse stops with
 * REPLY_ERROR_LINE_OVER_LIMIT, in either mode. */
#define REPLY_DEFAULT_LINE_LIMIT 4096

/* RFC 5321 section 4.2: Reply-code = %x32-35 %x30-35 %x30-39, so 200 to
 * 559. A protocol's descriptor carries its own range (reply_options_for()):
 * FTP's is 100 to 659. */
#define REPLY_DEFAULT_LOWEST_CODE  200
#define REPLY_DEFAULT_HIGHEST_CODE 559

/* Storage that holds any reply within the default limits in practice: a
 * large EHLO or HELP reply is a few KiB. The storage size given to
 * reply_parser_init() is the limit on the size of a whole reply. */
#define REPLY_SUGGESTED_STORAGE_SIZE 65536
#define REPLY_SUGGESTED_MAX_LINES    256

enum reply_mode {
    REPLY_LENIENT = 0, /* accept what real servers send, note it in .tolerated */
    REPLY_STRICT       /* stop at the first deviation from the RFC */
};

/* What may stand between a multi-line reply's first and last lines. */
enum reply_continuation {
    /* RFC 5321 section 4.2.1: every line starts with the code and "-". */
    REPLY_CONTINUATION_CODED = 0,
    /* RFC 959 section 4.2: any text; the reply ends at the first line that
     * starts with the first line's code and a space. */
    REPLY_CONTINUATION_FREE
};

struct reply_options {
    enum reply_mode mode;
    enum reply_continuation continuation;
    size_t line_limit;        /* octets a line may take, line end included */
    size_t strict_line_limit; /* lines longer than this are a deviation */
    int lowest_code;          /* codes outside [lowest, highest] are a deviation */
    int highest_code;
};

/* Fill options with the defaults: lenient, coded continuation lines,
 * REPLY_DEFAULT_LINE_LIMIT, REPLY_RFC_LINE_LIMIT, and codes 200 to 559.
 * reply_options_for() (below) fills them for a protocol instead. */
REPLY_API void reply_options_init(struct reply_options *options);

/* What went wrong, or what lenient mode let through. The values from
 * REPLY_ERROR_BARE_LF to REPLY_ERROR_ENHANCED_MISMATCH are deviations,
 * except REPLY_ERROR_CODE_MISMATCH (its value kept where it always was):
 * strict mode stops at them, lenient mode accepts them where the reply
 * keeps its meaning and sets REPLY_TOLERATED(error) in .tolerated. The
 * others stop a parse in both modes. */
enum reply_error {
    REPLY_ERROR_NONE = 0,
    REPLY_ERROR_BARE_LF,   /* a line ends in LF without CR */
    REPLY_ERROR_CODE_ONLY, /* "250\r\n": a code with no separator and no text */
    /* A later line's code differs from the first line's, as in
     * "250-Looks fine\r\n550 5.7.1 Rejected\r\n". Refused in both modes:
     * such a reply has no one meaning. Reading the first line's code
     * would count that rejection as a delivery; reading the last line's,
     * as Postfix and Python's smtplib do, would count "550-...\r\n250 OK"
     * as one. */
    REPLY_ERROR_CODE_MISMATCH,
    REPLY_ERROR_NON_DIGIT_CODE,    /* a line does not start with three digits; lenient
                                      takes it as text only after a "ddd-" line */
    REPLY_ERROR_CODE_OUT_OF_RANGE, /* three digits outside lowest_code..highest_code */
    REPLY_ERROR_LINE_TOO_LONG,     /* a line longer than strict_line_limit */
    REPLY_ERROR_NOT_UTF8,          /* text that is not UTF-8 (RFC 6531 allows UTF-8) */
    REPLY_ERROR_CONTROL_CHAR,      /* a control character other than HT in the text */
    REPLY_ERROR_ENHANCED_MISMATCH, /* an enhanced code whose class is not the reply's first digit */
    REPLY_ERROR_BAD_SEPARATOR,     /* the code is followed by neither SP, "-" nor the line end */
    REPLY_ERROR_LINE_OVER_LIMIT,   /* a line longer than line_limit */
    REPLY_ERROR_REPLY_OVER_LIMIT,  /* a reply larger than the parser's storage or lines */
    REPLY_ERROR_TRUNCATED          /* the input ended inside a line or reply */
};

#define REPLY_TOLERATED(error) (1u << (unsigned)(error))

/* The error's name in snake_case ("bare_lf"), as smtp-explain --json
 * prints it; "unknown" for a value outside the enum. */
REPLY_API const char *reply_error_name(enum reply_error error);

/* A short English sentence for people ("line ends in LF without CR"). */
REPLY_API const char *reply_error_message(enum reply_error error);

/* 1 when lenient mode can let this error through, else 0. */
REPLY_API int reply_error_is_deviation(enum reply_error error);

/* ------------------------------------------------------------------ */
/* Enhanced status codes (RFC 2034, RFC 3463)                           */
/* ------------------------------------------------------------------ */

/* class.subject.detail, e.g. 5.1.1. class_digit is 0 when absent. */
struct reply_enhanced {
    int class_digit; /* 2, 4 or 5 */
    int subject;     /* 0..999 */
    int detail;      /* 0..999 */
    size_t length;   /* octets it takes at the start of the text, with the
                         space after it; the rest of the text follows */
};

/* Recognise an enhanced status code at the start of text: "5.1.1 rest" or
 * the whole text "5.1.1". Returns 1 and fills *enhanced, or returns 0 and
 * zeroes it when text does not start with one (RFC 3463 section 2:
 * class is 2, 4 or 5, subject and detail have one to three digits). */
REPLY_API int reply_enhanced_parse(const char *text, size_t length, struct reply_enhanced *enhanced);

/* 1 when the enhanced code's class equals the reply code's first digit
 * (RFC 3463 section 2), else 0. */
REPLY_API int reply_enhanced_agrees(const struct reply_enhanced *enhanced, int code);

/* ------------------------------------------------------------------ */
/* Reply text, one character at a time                                 */
/* ------------------------------------------------------------------ */

/* What RFC 5321 section 4.2 (textstring) and RFC 6531 (UTF-8) allow in a
 * reply's text: the judgement the parser tolerates or rejects by, and the
 * formatter refuses by, for programs that show or store such text. */
enum reply_text_char {
    REPLY_TEXT_CHAR_OK = 0,   /* HT, printable ASCII or a well-formed UTF-8 sequence */
    REPLY_TEXT_CHAR_CONTROL,  /* any other octet below 0x20, or DEL */
    REPLY_TEXT_CHAR_NOT_UTF8, /* a byte that cannot start or continue UTF-8 here
                                 (RFC 3629 section 4) */
    REPLY_TEXT_CHAR_CUT       /* a UTF-8 sequence that text[0..available) ends too early for */
};

/* Judge the character at text[0] (available >= 1) and return the number
 * of octets to step over it: the whole sequence when it is well-formed,
 * else the longest prefix that could have started one (at least 1), as
 * Unicode's "maximal subpart" practice does. Reads no further than
 * text[available - 1]. */
REPLY_API size_t reply_text_scan_char(const char *text, size_t available, enum reply_text_char *kind);

/* ------------------------------------------------------------------ */
/* One line                                                            */
/* ------------------------------------------------------------------ */

struct reply_line {
    int code;         /* the line's three digits; -1 for a line taken as
                         text: a free continuation line, or one without a
                         code that lenient mode let through */
    int more;         /* 1 when the line ends with "-": more lines follow */
    const char *text; /* after the code and separator, without the line end */
    size_t length;
    struct reply_enhanced enhanced; /* of this line's text */
    unsigned tolerated;             /* REPLY_TOLERATED() bits of this line */
};

/* Parse the reply line at the start of data[0..size). first_code is the
 * code of the reply's first line when this line continues a reply, or -1
 * when it starts one. options NULL means the defaults.
 *
 * Returns REPLY_ERROR_NONE with *offset set to the line's size (where the
 * next line starts) and *line filled (its text points into data).
 * Returns REPLY_ERROR_TRUNCATED with *offset = size when data ends before
 * the line does and the line is still within its limit. Returns any other
 * error with *offset at the byte that shows it; when a line overflows its
 * limit, a deviation earlier in the line is reported first. Never reads
 * data past size. */
REPLY_API enum reply_error reply_parse_line(const char *data, size_t size, const struct reply_options *options,
                                            int first_code, struct reply_line *line, size_t *offset);

/* ------------------------------------------------------------------ */
/* Whole replies, fed in pieces                                        */
/* ------------------------------------------------------------------ */

/* A complete reply. lines point into the parser's line array and their
 * texts into its storage: both stay valid until the next feed or init. */
struct reply {
    int code;                       /* the reply's code: every line that has
                                       one has this one (or the parse fails
                                       with REPLY_ERROR_CODE_MISMATCH) */
    size_t line_count;              /* at least 1 */
    const struct reply_line *lines; /* lines[0].enhanced is the reply's enhanced code */
    unsigned tolerated;             /* REPLY_TOLERATED() bits of all lines */
    uint64_t offset;                /* where the reply starts in the stream */
    size_t size;                    /* octets it takes in the stream */
};

enum reply_progress {
    REPLY_NEED_MORE = 0, /* all bytes consumed, the reply is not complete yet */
    REPLY_COMPLETE,      /* *reply is filled; bytes after it were not consumed */
    REPLY_FAILED         /* see reply_parser_error(); init again to go on */
};

/* The parser's state. Its fields are private; it is a plain struct so
 * that callers can place it anywhere without allocation. */
struct reply_parser {
    struct reply_options options;
    char *storage; /* the current reply's bytes as received */
    size_t storage_size;
    size_t stored;
    struct reply_line *lines;
    size_t max_lines;
    size_t line_count;
    size_t line_start;     /* index in storage of the current line */
    int code;              /* first line's code, -1 before it */
    int finished_reply;    /* the last feed completed a reply */
    uint64_t offset;       /* stream offset of the next byte */
    uint64_t reply_offset; /* stream offset of the current reply */
    enum reply_error error;
    uint64_t error_offset;
};

/* Prepare a parser. options NULL means the defaults (copied). storage
 * receives each reply's bytes: its size is the limit on the size of a
 * whole reply, line ends included; lines[0..max_lines) receives its lines
 * (see REPLY_SUGGESTED_STORAGE_SIZE and REPLY_SUGGESTED_MAX_LINES). Both
 * stay the caller's and must outlive the parser. storage may be NULL when
 * storage_size is 0, and lines NULL when max_lines is 0: such a parser
 * holds no reply, so its first feed of at least one byte fails with
 * REPLY_ERROR_REPLY_OVER_LIMIT at that byte (feeds of 0 bytes and
 * reply_parser_finish() succeed until then). */
REPLY_API void reply_parser_init(struct reply_parser *parser, const struct reply_options *options, char *storage,
                                 size_t storage_size, struct reply_line *lines, size_t max_lines);

/* Feed the next size bytes of the stream (size may be 0). Consumes bytes
 * up to the end of the first reply that completes and returns
 * REPLY_COMPLETE with *reply filled, or consumes all and returns
 * REPLY_NEED_MORE, or returns REPLY_FAILED. *consumed (may be NULL) tells
 * how many bytes were used; feed the rest again for the next reply.
 * The result depends only on the bytes, not on how they were split. After
 * REPLY_FAILED every feed fails the same way until reply_parser_init(). */
REPLY_API enum reply_progress reply_parser_feed(struct reply_parser *parser, const char *data, size_t size,
                                                size_t *consumed, struct reply *reply);

/* Tell the parser the stream has ended. Returns REPLY_ERROR_NONE when it
 * ended between replies; REPLY_ERROR_TRUNCATED when it ended inside one
 * (the parser then fails with it, at the end offset); the earlier error
 * when the parser had failed. */
REPLY_API enum reply_error reply_parser_finish(struct reply_parser *parser);

/* The error that failed the parser (REPLY_ERROR_NONE if none), and its
 * stream offset in *offset (may be NULL). */
REPLY_API enum reply_error reply_parser_error(const struct reply_parser *parser, uint64_t *offset);

/* ------------------------------------------------------------------ */
/* Meaning: what a protocol's spec says                                */
/* ------------------------------------------------------------------ */

/* The first digit's meaning, RFC 5321 section 4.2.1 and RFC 959 section
 * 4.2.1 alike. The value is the digit. */
enum reply_class {
    REPLY_CLASS_UNKNOWN = 0,
    REPLY_CLASS_POSITIVE_PRELIMINARY = 1,
    REPLY_CLASS_POSITIVE_COMPLETION = 2,
    REPLY_CLASS_POSITIVE_INTERMEDIATE = 3,
    REPLY_CLASS_TRANSIENT_NEGATIVE = 4,
    REPLY_CLASS_PERMANENT_NEGATIVE = 5
};

/* What a client does with a reply of that class. */
enum reply_action {
    REPLY_ACTION_UNKNOWN = 0,
    REPLY_ACTION_WAIT,        /* 1yz: accepted, wait for the final reply */
    REPLY_ACTION_PROCEED,     /* 2yz: done, send the next command */
    REPLY_ACTION_SEND_MORE,   /* 3yz: send the rest (the message, the next step) */
    REPLY_ACTION_RETRY_LATER, /* 4yz: transient, the same command may work later */
    REPLY_ACTION_GIVE_UP      /* 5yz: permanent, do not repeat it as it is */
};

/* Whether a code answers a command as its spec lists it (RFC 5321
 * section 4.3.2 for SMTP, RFC 959 section 5.4 for FTP): REPLY_ROLE_UNEXPECTED,
 * _SUCCESS, _INTERMEDIATE, _ERROR and _PRELIMINARY, from the one list in
 * replygen/reply_roles.h that the generated PREFIX_reply_role enums are
 * also written from. */
#define REPLY_ROLE_ENUMERATOR(NAME, name, value) REPLY_ROLE_##NAME = value,
enum reply_role {
    REPLY_ROLES(REPLY_ROLE_ENUMERATOR)
};
#undef REPLY_ROLE_ENUMERATOR

enum reply_code_status {
    REPLY_CODE_STANDARD = 0,
    REPLY_CODE_EXTENSION,
    REPLY_CODE_OBSOLETE
};

/* What the spec says about one code. */
struct reply_meaning {
    int code;
    const char *name;    /* C-friendly name: "ok" */
    const char *text;    /* the standard text */
    const char *summary; /* one line */
    const char *description;
    const char *refs; /* "RFC 5321 section 4.2.2" */
    enum reply_code_status status;
};

/* What the spec says about an enhanced status code. */
struct reply_enhanced_meaning {
    const char *class_title;   /* "Permanent Failure" */
    const char *subject_title; /* "Addressing Status"; NULL when unknown */
    const char *code;          /* the entry described: "X.1.1"; NULL when none */
    const char *text;          /* "Bad destination mailbox address"; NULL
                                   when the spec lists neither the code nor
                                   its subject's X.Y.0 */
    const char *description;
    int fallback; /* 1 when the detail is not registered and
                                   code, text and description are those of
                                   the subject's X.Y.0 entry */
};

/* The layout of struct reply_protocol this header declares. */
#define REPLY_PROTOCOL_VERSION 2

/* A protocol's generated tables, seen through plain ints. replygen renders
 * one per spec from templates/{{prefix}}_protocol.c.mustache. Every
 * function returns NULL, 0 or -1 as stated for input the spec does not
 * know; the runtime checks command indices before calling.
 *
 * The descriptor is compiled into the program that defines it and read by
 * the library, which may be older or newer, so it carries its layout's
 * version first, as SQLite's sqlite3_module carries iVersion. The rule for
 * growing it: members are only ever added at the end, each new layout
 * takes the next version, and the library reads a member only when the
 * descriptor's version says it is there. A descriptor of a newer version
 * than the library knows is read as far as the library knows it. One
 * whose version is below 1 (or a NULL protocol) is refused: the library
 * reads nothing past its version, and every function below answers as
 * for a protocol whose spec knows nothing (REPLY_CLASS_UNKNOWN, NULL, 0,
 * -1, REPLY_ROLE_UNEXPECTED); reply_protocol_supported() tells it apart. */
struct reply_protocol {
    int version;       /* REPLY_PROTOCOL_VERSION of the layout it fills */
    const char *name;  /* "smtp" */
    const char *title; /* "Simple Mail Transfer Protocol" */
    /* The wire format as the spec states it (reply_options_for()): the
     * longest line the protocol allows in octets, line end included; how
     * multi-line replies continue; the codes its grammar allows. */
    size_t line_limit;
    enum reply_continuation continuation;
    int lowest_code;
    int highest_code;
    /* First digit when the spec defines it, else 0. */
    int (*class_of)(int code);
    /* snake_case name of a first digit ("permanent_negative") and its
     * title ("Permanent Negative Completion reply"); NULL when unknown. */
    const char *(*class_name)(int digit);
    const char *(*class_title)(int digit);
    /* Second digit when the spec defines it, else -1; its title
     * ("Mail system"), NULL when unknown. */
    int (*category_of)(int code);
    const char *(*category_title)(int digit);
    /* Fill *meaning and return 1 for a code of the spec, else return 0. */
    int (*describe)(int code, struct reply_meaning *meaning);
    /* Commands 0..command_count-1: lowercase name ("mail"), verb as sent
     * ("MAIL"; "" for the greeting), and a code's role for a command. */
    int command_count;
    const char *(*command_name)(int command);
    const char *(*command_verb)(int command);
    enum reply_role (*role_for)(int command, int code);
    /* Fill *meaning and return 1 when the spec knows the enhanced code's
     * class; NULL when the protocol has no enhanced codes. */
    int (*describe_enhanced)(int class_digit, int subject, int detail, struct reply_enhanced_meaning *meaning);
    /* Version 2. As describe, with the command's own text, description and
     * references where the spec gives the code a meaning of its own as an
     * answer to that command (STARTTLS's 454); NULL when it gives none. */
    int (*describe_for_command)(int command, int code, struct reply_meaning *meaning);
};

/* 1 when the library can read protocol (not NULL, version at least 1),
 * else 0: see struct reply_protocol. */
REPLY_API int reply_protocol_supported(const struct reply_protocol *protocol);

/* Fill options for the protocol's wire format: lenient, its continuation
 * style and code range, its line limit as strict_line_limit, and as
 * line_limit the larger of that and REPLY_DEFAULT_LINE_LIMIT. Returns 1;
 * for a protocol that is not supported, fills reply_options_init()'s
 * defaults and returns 0. */
REPLY_API int reply_options_for(struct reply_options *options, const struct reply_protocol *protocol);

/* The class of a code: its first digit when the protocol's spec defines
 * that digit, REPLY_CLASS_UNKNOWN otherwise (also for codes outside
 * 100..999). A protocol's own digits beyond 5 (FTP's 6) come back as
 * their value. */
REPLY_API enum reply_class reply_class_of(const struct reply_protocol *protocol, int code);

/* The class's name and title from the spec, NULL when unknown. */
REPLY_API const char *reply_class_name(const struct reply_protocol *protocol, int code);
REPLY_API const char *reply_class_title(const struct reply_protocol *protocol, int code);

/* The title of the code's second digit from the spec ("Mail system" for
 * x5z in SMTP), NULL when unknown or outside 100..999. */
REPLY_API const char *reply_category_title(const struct reply_protocol *protocol, int code);

/* What a client does with the code; REPLY_ACTION_UNKNOWN when its class
 * is unknown or not one of the five of RFC 5321 section 4.2.1. */
REPLY_API enum reply_action reply_action_of(const struct reply_protocol *protocol, int code);

/* "wait", "proceed", "send_more", "retry_later", "give_up"; NULL for
 * REPLY_ACTION_UNKNOWN. */
REPLY_API const char *reply_action_name(enum reply_action action);

/* Fill *meaning and return 1 when the code is in the spec, else 0 with
 * *meaning zeroed. */
REPLY_API int reply_describe(const struct reply_protocol *protocol, int code, struct reply_meaning *meaning);

/* reply_describe() for code as the answer to command: where the spec
 * gives the code a meaning of its own for that command (STARTTLS's "454
 * TLS not available due to temporary reason"), *meaning holds that text,
 * description and references; otherwise, and for command -1 or a
 * descriptor of version 1, the code's general meaning. */
REPLY_API int reply_describe_for_command(const struct reply_protocol *protocol, int command, int code,
                                         struct reply_meaning *meaning);

/* Fill *meaning and return 1 when the spec knows the enhanced code's class
 * (text is then set when it also knows subject.detail), else 0 with
 * *meaning zeroed. */
REPLY_API int reply_describe_enhanced(const struct reply_protocol *protocol, const struct reply_enhanced *enhanced,
                                      struct reply_enhanced_meaning *meaning);

/* The command whose verb is verb, compared without regard to ASCII case
 * ("mail", "MAIL"); -1 when the spec has none. */
REPLY_API int reply_command_find(const struct reply_protocol *protocol, const char *verb);

/* How the spec lists code as an answer to command;
 * REPLY_ROLE_UNEXPECTED for an unknown command or an unlisted code. */
REPLY_API enum reply_role reply_role_for(const struct reply_protocol *protocol, int command, int code);

/* ------------------------------------------------------------------ */
/* Formatting for servers                                              */
/* ------------------------------------------------------------------ */

enum reply_format_error {
    REPLY_FORMAT_OK = 0,
    REPLY_FORMAT_BUFFER_TOO_SMALL, /* nothing usable written; *size says what is needed */
    REPLY_FORMAT_BAD_CODE,         /* code outside 100..999 */
    REPLY_FORMAT_BAD_ENHANCED,     /* not class 2/4/5 with subject and detail 0..999,
                                      or its class is not the code's first digit */
    REPLY_FORMAT_NO_LINES,         /* line_count is 0 */
    REPLY_FORMAT_LINE_BREAK,       /* a text holds CR or LF: it would end the line */
    REPLY_FORMAT_BAD_TEXT,         /* a text holds another control character or is not UTF-8 */
    REPLY_FORMAT_LINE_TOO_LONG     /* a line would exceed line_limit */
};

/* "ok", "buffer_too_small", ...; "unknown" outside the enum. */
REPLY_API const char *reply_format_error_name(enum reply_format_error error);

/* Write a reply as a server sends it: for each text, the code, "-" on all
 * lines but the last and SP on the last, the enhanced code and a space
 * when enhanced is not NULL (RFC 2034 section 4: on every line), the text
 * and CRLF. Each line, CRLF included, must fit in line_limit octets (pass
 * REPLY_RFC_LINE_LIMIT). Writes no NUL.
 *
 * On REPLY_FORMAT_OK, *size is the number of octets written. On
 * REPLY_FORMAT_BUFFER_TOO_SMALL, *size is the number needed: call again
 * with a buffer that large (buffer may be NULL when buffer_size is 0). On
 * other errors *size is 0 and *bad_line (may be NULL) is the index of the
 * offending text, 0 when the error is not about one. Checks everything
 * before writing anything. */
REPLY_API enum reply_format_error reply_format(char *buffer, size_t buffer_size, size_t *size, int code,
                                               const struct reply_enhanced *enhanced, const char *const *texts,
                                               size_t line_count, size_t line_limit, size_t *bad_line);

#ifdef __cplusplus
}
#endif

#endif
