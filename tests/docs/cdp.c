/* cdp.c: drive headless Chromium through the DevTools protocol over a pipe
 * (see cdp.h). Only what the docs tests need: open a page, evaluate
 * JavaScript that returns a string, type, and take a screenshot. */
#define _POSIX_C_SOURCE 200809L
#include "cdp.h"

#include "support/process.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Generous: a cold start of Chromium on a loaded CI machine takes seconds. */
enum {
    CDP_TIMEOUT_MS = 60000
};

/* A growable string, NUL-terminated. */
struct text {
    char *data;
    size_t length, capacity;
};

static void text_append(struct text *text, const char *bytes, size_t length)
{
    if (text->length + length + 1 > text->capacity) {
        size_t capacity = text->capacity ? text->capacity : 256;
        while (capacity < text->length + length + 1)
            capacity *= 2;
        char *data = realloc(text->data, capacity);
        if (!data)
            abort();
        text->data = data;
        text->capacity = capacity;
    }
    memcpy(text->data + text->length, bytes, length);
    text->length += length;
    text->data[text->length] = '\0';
}

static void text_printf(struct text *text, const char *format, ...)
{
    char small[512];
    va_list args;
    va_start(args, format);
    int length = vsnprintf(small, sizeof small, format, args);
    va_end(args);
    if (length < 0)
        abort();
    if ((size_t)length < sizeof small) {
        text_append(text, small, (size_t)length);
        return;
    }
    char *big = malloc((size_t)length + 1);
    if (!big)
        abort();
    va_start(args, format);
    vsnprintf(big, (size_t)length + 1, format, args);
    va_end(args);
    text_append(text, big, (size_t)length);
    free(big);
}

static int fail(struct cdp *cdp, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(cdp->error, sizeof cdp->error, format, args);
    va_end(args);
    return -1;
}

char *cdp_json_quote(const char *string)
{
    struct text out = { 0 };
    text_append(&out, "\"", 1);
    for (const unsigned char *c = (const unsigned char *)string; *c; c++) {
        switch (*c) {
        case '"': text_append(&out, "\\\"", 2); break;
        case '\\': text_append(&out, "\\\\", 2); break;
        case '\n': text_append(&out, "\\n", 2); break;
        case '\r': text_append(&out, "\\r", 2); break;
        case '\t': text_append(&out, "\\t", 2); break;
        default:
            if (*c < 0x20)
                text_printf(&out, "\\u%04x", *c);
            else
                text_append(&out, (const char *)c, 1);
        }
    }
    text_append(&out, "\"", 1);
    return out.data;
}

static void append_utf8(struct text *out, unsigned long code_point)
{
    char bytes[4];
    size_t length;
    if (code_point < 0x80) {
        bytes[0] = (char)code_point;
        length = 1;
    } else if (code_point < 0x800) {
        bytes[0] = (char)(0xc0 | (code_point >> 6));
        bytes[1] = (char)(0x80 | (code_point & 0x3f));
        length = 2;
    } else if (code_point < 0x10000) {
        bytes[0] = (char)(0xe0 | (code_point >> 12));
        bytes[1] = (char)(0x80 | ((code_point >> 6) & 0x3f));
        bytes[2] = (char)(0x80 | (code_point & 0x3f));
        length = 3;
    } else {
        bytes[0] = (char)(0xf0 | (code_point >> 18));
        bytes[1] = (char)(0x80 | ((code_point >> 12) & 0x3f));
        bytes[2] = (char)(0x80 | ((code_point >> 6) & 0x3f));
        bytes[3] = (char)(0x80 | (code_point & 0x3f));
        length = 4;
    }
    text_append(out, bytes, length);
}

static bool read_hex4(const char *p, unsigned long *value)
{
    *value = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int digit = c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f'       ? c - 'a' + 10
            : c >= 'A' && c <= 'F'       ? c - 'A' + 10
                                         : -1;
        if (digit < 0)
            return false;
        *value = *value * 16 + (unsigned long)digit;
    }
    return true;
}

/* The JSON string literal at p (which points at its opening quote), decoded
 * to UTF-8; NULL when it is malformed. */
static char *json_string_at(const char *p)
{
    if (*p != '"')
        return NULL;
    struct text out = { 0 };
    text_append(&out, "", 0);
    for (p++; *p && *p != '"'; p++) {
        if (*p != '\\') {
            text_append(&out, p, 1);
            continue;
        }
        p++;
        unsigned long code_point, low;
        switch (*p) {
        case '"':
        case '\\':
        case '/': text_append(&out, p, 1); break;
        case 'b': text_append(&out, "\b", 1); break;
        case 'f': text_append(&out, "\f", 1); break;
        case 'n': text_append(&out, "\n", 1); break;
        case 'r': text_append(&out, "\r", 1); break;
        case 't': text_append(&out, "\t", 1); break;
        case 'u':
            if (!read_hex4(p + 1, &code_point))
                goto malformed;
            p += 4;
            if (code_point >= 0xd800 && code_point < 0xdc00 && p[1] == '\\' && p[2] == 'u' && read_hex4(p + 3, &low)
                && low >= 0xdc00 && low < 0xe000) {
                code_point = 0x10000 + ((code_point - 0xd800) << 10) + (low - 0xdc00);
                p += 6;
            }
            append_utf8(&out, code_point);
            break;
        default: goto malformed;
        }
    }
    if (*p == '"')
        return out.data;
malformed:
    free(out.data);
    return NULL;
}

/* Wait until fd can be read or the deadline passes. */
static int wait_readable(int fd, const struct timespec *deadline)
{
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left = (long)(deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
        if (left <= 0)
            return 0;
        struct pollfd poll_fd = { fd, POLLIN, 0 };
        int ready = poll(&poll_fd, 1, (int)left);
        if (ready >= 0 || errno != EINTR)
            return ready;
    }
}

/* The next whole message from the browser (without its NUL), to free. */
static char *next_message(struct cdp *cdp, const struct timespec *deadline)
{
    for (;;) {
        char *end = cdp->inbox ? memchr(cdp->inbox, '\0', cdp->inbox_length) : NULL;
        if (end) {
            size_t length = (size_t)(end - cdp->inbox);
            char *message = malloc(length + 1);
            if (!message)
                abort();
            memcpy(message, cdp->inbox, length + 1);
            memmove(cdp->inbox, end + 1, cdp->inbox_length - length - 1);
            cdp->inbox_length -= length + 1;
            return message;
        }
        int ready = wait_readable(cdp->from_browser, deadline);
        if (ready <= 0) {
            fail(cdp, ready == 0 ? "no answer from the browser in %d s" : "poll: %s", CDP_TIMEOUT_MS / 1000,
                 strerror(errno));
            return NULL;
        }
        char chunk[65536];
        ssize_t got = read(cdp->from_browser, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            fail(cdp, "the browser closed its DevTools pipe (see %s)", cdp->log_path);
            return NULL;
        }
        char *inbox = realloc(cdp->inbox, cdp->inbox_length + (size_t)got);
        if (!inbox)
            abort();
        memcpy(inbox + cdp->inbox_length, chunk, (size_t)got);
        cdp->inbox = inbox;
        cdp->inbox_length += (size_t)got;
    }
}

static int write_all(int fd, const char *bytes, size_t length)
{
    while (length > 0) {
        ssize_t wrote = write(fd, bytes, length);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            return -1;
        bytes += wrote;
        length -= (size_t)wrote;
    }
    return 0;
}

/* Send one command, to the browser itself or to the attached page, and
 * wait for its answer; events that arrive meanwhile are dropped. */
static int call(struct cdp *cdp, bool to_page, const char *method, const char *params, char **result)
{
    long id = ++cdp->next_id;
    struct text message = { 0 };
    text_printf(&message, "{\"id\":%ld,\"method\":\"%s\",\"params\":%s", id, method, params ? params : "{}");
    if (to_page && cdp->session)
        text_printf(&message, ",\"sessionId\":\"%s\"", cdp->session);
    text_append(&message, "}", 1);
    int status = write_all(cdp->to_browser, message.data, message.length + 1); /* with the NUL */
    free(message.data);
    if (status != 0)
        return fail(cdp, "%s: cannot write to the browser: %s", method, strerror(errno));

    char prefix[64];
    snprintf(prefix, sizeof prefix, "{\"id\":%ld,", id);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += CDP_TIMEOUT_MS / 1000;
    for (;;) {
        char *answer = next_message(cdp, &deadline);
        if (!answer) {
            char why[sizeof cdp->error];
            memcpy(why, cdp->error, sizeof why);
            return fail(cdp, "%s: %s", method, why);
        }
        if (strncmp(answer, prefix, strlen(prefix)) != 0) {
            free(answer);
            continue;
        }
        if (strncmp(answer + strlen(prefix), "\"error\":", 8) == 0) {
            fail(cdp, "%s: %.900s", method, answer);
            free(answer);
            return -1;
        }
        if (result)
            *result = answer;
        else
            free(answer);
        return 0;
    }
}

int cdp_call(struct cdp *cdp, const char *method, const char *params, char **result)
{
    return call(cdp, true, method, params, result);
}

/* The string value of "key":"..." found first after from, to free. */
static char *string_field(const char *from, const char *key)
{
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *found = strstr(from, pattern);
    return found ? json_string_at(found + strlen(pattern) - 1) : NULL;
}

int cdp_evaluate(struct cdp *cdp, const char *expression, char **value)
{
    *value = NULL;
    char *quoted = cdp_json_quote(expression);
    struct text params = { 0 };
    text_printf(&params, "{\"expression\":%s,\"returnByValue\":true,\"awaitPromise\":true}", quoted);
    free(quoted);
    char *answer;
    int status = cdp_call(cdp, "Runtime.evaluate", params.data, &answer);
    free(params.data);
    if (status != 0)
        return -1;
    const char *exception = strstr(answer, "\"exceptionDetails\":");
    if (exception) {
        char *description = string_field(exception, "description");
        fail(cdp, "JavaScript exception: %.900s", description ? description : answer);
        free(description);
        free(answer);
        return -1;
    }
    if (!strstr(answer, "\"type\":\"string\"")) {
        fail(cdp, "the expression gave no string: %.900s", answer);
        free(answer);
        return -1;
    }
    *value = string_field(answer, "value");
    free(answer);
    return *value ? 0 : fail(cdp, "cannot read the string the expression gave");
}

int cdp_type(struct cdp *cdp, const char *text)
{
    for (const char *c = text; *c; c++) {
        char one[2] = { *c, '\0' };
        char *quoted = cdp_json_quote(one);
        struct text params = { 0 };
        text_printf(&params, "{\"type\":\"keyDown\",\"text\":%s,\"key\":%s}", quoted, quoted);
        int status = cdp_call(cdp, "Input.dispatchKeyEvent", params.data, NULL);
        params.length = 0;
        text_printf(&params, "{\"type\":\"keyUp\",\"key\":%s}", quoted);
        if (status == 0)
            status = cdp_call(cdp, "Input.dispatchKeyEvent", params.data, NULL);
        free(params.data);
        free(quoted);
        if (status != 0)
            return -1;
    }
    return 0;
}

static int base64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

int cdp_screenshot(struct cdp *cdp, const char *path)
{
    char *size;
    if (cdp_evaluate(cdp,
                     "JSON.stringify([document.documentElement.scrollWidth,"
                     " document.documentElement.scrollHeight])",
                     &size)
        != 0)
        return -1;
    int width = 0, height = 0;
    int parsed = sscanf(size, "[%d,%d]", &width, &height);
    free(size);
    if (parsed != 2 || width <= 0 || height <= 0)
        return fail(cdp, "cannot read the page's size");
    struct text params = { 0 };
    text_printf(&params,
                "{\"format\":\"png\",\"captureBeyondViewport\":true,"
                "\"clip\":{\"x\":0,\"y\":0,\"width\":%d,\"height\":%d,\"scale\":1}}",
                width, height);
    char *answer;
    int status = cdp_call(cdp, "Page.captureScreenshot", params.data, &answer);
    free(params.data);
    if (status != 0)
        return -1;
    char *encoded = string_field(answer, "data");
    free(answer);
    if (!encoded)
        return fail(cdp, "the screenshot answer holds no data");
    size_t length = strlen(encoded), used = 0;
    unsigned char *png = malloc(length / 4 * 3 + 3);
    if (!png)
        abort();
    unsigned long bits = 0;
    int bit_count = 0;
    for (size_t i = 0; i < length && encoded[i] != '='; i++) {
        int value = base64_value(encoded[i]);
        if (value < 0)
            continue;
        bits = (bits << 6) | (unsigned long)value;
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            png[used++] = (unsigned char)(bits >> bit_count);
            bits &= (1UL << bit_count) - 1;
        }
    }
    free(encoded);
    status = file_write(path, (const char *)png, used);
    free(png);
    return status == 0 ? 0 : fail(cdp, "cannot write %s: %s", path, strerror(errno));
}

/* Move fd to at least 10, so that the child's dup2 to 3 and 4 cannot
 * overwrite the other pipe end. */
static int high_fd(int fd)
{
    int moved = fcntl(fd, F_DUPFD, 10);
    close(fd);
    return moved;
}

int cdp_start(struct cdp *cdp, const char *chromium, const char *work_dir, const char *url, int width, int height)
{
    memset(cdp, 0, sizeof *cdp);
    cdp->pid = -1;
    cdp->to_browser = cdp->from_browser = -1;
    signal(SIGPIPE, SIG_IGN); /* a dead browser must fail a test, not kill it */

    struct text path = { 0 };
    text_printf(&path, "%s/chromium-profile", work_dir);
    cdp->profile_dir = path.data;
    remove_tree(cdp->profile_dir);
    path = (struct text){ 0 };
    text_printf(&path, "%s/chromium.log", work_dir);
    cdp->log_path = path.data;

    int to_browser[2], from_browser[2];
    if (pipe(to_browser) != 0)
        return fail(cdp, "pipe: %s", strerror(errno));
    if (pipe(from_browser) != 0) {
        close(to_browser[0]);
        close(to_browser[1]);
        return fail(cdp, "pipe: %s", strerror(errno));
    }
    int browser_reads = high_fd(to_browser[0]), browser_writes = high_fd(from_browser[1]);
    cdp->to_browser = to_browser[1];
    cdp->from_browser = from_browser[0];
    fcntl(cdp->to_browser, F_SETFD, FD_CLOEXEC);
    fcntl(cdp->from_browser, F_SETFD, FD_CLOEXEC);

    char profile_option[4200], size_option[64];
    snprintf(profile_option, sizeof profile_option, "--user-data-dir=%s", cdp->profile_dir);
    snprintf(size_option, sizeof size_option, "--window-size=%d,%d", width, height);
    /* No network: nothing in the page may load from outside (its CSP says
     * so too), and the browser's own services are all off. */
    const char *argv[] = {
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--no-default-browser-check",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--mute-audio",
        "--proxy-server=127.0.0.1:9",
        "--remote-debugging-pipe",
        profile_option,
        size_option,
        "about:blank",
        NULL,
    };
    fflush(NULL);
    cdp->pid = fork();
    if (cdp->pid < 0) {
        close(browser_reads);
        close(browser_writes);
        return fail(cdp, "fork: %s", strerror(errno));
    }
    if (cdp->pid == 0) {
        setpgid(0, 0);
        int log = open(cdp->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int nothing = open("/dev/null", O_RDONLY);
        if (log < 0 || nothing < 0 || dup2(nothing, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0
            || dup2(browser_reads, 3) < 0 || dup2(browser_writes, 4) < 0)
            _exit(126);
        execv(chromium, (char *const *)argv);
        _exit(127);
    }
    setpgid(cdp->pid, cdp->pid);
    close(browser_reads);
    close(browser_writes);

    /* One page target, attached in flat mode so that commands to it carry
     * its sessionId. */
    char *quoted_url = cdp_json_quote(url);
    struct text params = { 0 };
    text_printf(&params, "{\"url\":%s}", quoted_url);
    free(quoted_url);
    char *answer = NULL;
    int status = call(cdp, false, "Target.createTarget", params.data, &answer);
    free(params.data);
    if (status != 0)
        return -1;
    char *target = string_field(answer, "targetId");
    free(answer);
    if (!target)
        return fail(cdp, "Target.createTarget gave no targetId");
    params = (struct text){ 0 };
    text_printf(&params, "{\"targetId\":\"%s\",\"flatten\":true}", target);
    free(target);
    status = call(cdp, false, "Target.attachToTarget", params.data, &answer);
    free(params.data);
    if (status != 0)
        return -1;
    cdp->session = string_field(answer, "sessionId");
    free(answer);
    if (!cdp->session)
        return fail(cdp, "Target.attachToTarget gave no sessionId");

    /* Wait for the load event (readyState "complete"), polling. */
    for (int tries = 0; tries < 600; tries++) {
        char *state;
        if (cdp_evaluate(cdp, "document.readyState + ' ' + location.href", &state) != 0)
            return -1;
        bool loaded = strncmp(state, "complete ", 9) == 0 && strcmp(state + 9, "about:blank") != 0;
        free(state);
        if (loaded)
            return 0;
        nanosleep(&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
    }
    return fail(cdp, "the page did not finish loading: %s", url);
}

void cdp_stop(struct cdp *cdp)
{
    if (!cdp->profile_dir)
        return; /* never started */
    if (cdp->pid > 0) {
        if (cdp->to_browser >= 0)
            call(cdp, false, "Browser.close", NULL, NULL);
        int status;
        pid_t done = 0;
        for (int tries = 0; tries < 100 && (done = waitpid(cdp->pid, &status, WNOHANG)) == 0; tries++)
            nanosleep(&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
        if (done == 0) {
            kill(-cdp->pid, SIGKILL); /* the group we made: the browser and its helpers */
            waitpid(cdp->pid, &status, 0);
        }
    }
    if (cdp->to_browser >= 0)
        close(cdp->to_browser);
    if (cdp->from_browser >= 0)
        close(cdp->from_browser);
    if (cdp->profile_dir)
        remove_tree(cdp->profile_dir);
    free(cdp->profile_dir);
    free(cdp->log_path);
    free(cdp->session);
    free(cdp->inbox);
    memset(cdp, 0, sizeof *cdp);
    cdp->pid = -1;
    cdp->to_browser = cdp->from_browser = -1;
}
