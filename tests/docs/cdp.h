/* cdp.h: a small Chrome DevTools Protocol client for tests. It starts
 * headless Chromium with --remote-debugging-pipe (messages are JSON texts
 * ended by a NUL byte, on file descriptors 3 and 4 of the browser), so it
 * needs no network, no port and no WebSocket library. */
#ifndef REPLYGEN_TEST_CDP_H
#define REPLYGEN_TEST_CDP_H

#include <stddef.h>
#include <sys/types.h>

struct cdp {
    pid_t pid;        /* the browser, leader of its own process group */
    int to_browser;   /* our end of the browser's fd 3 */
    int from_browser; /* our end of the browser's fd 4 */
    long next_id;
    char *session; /* the page's session id, once attached */
    char *inbox;   /* bytes read but not yet taken as a message */
    size_t inbox_length;
    char *profile_dir; /* a fresh --user-data-dir, removed by cdp_stop */
    char *log_path;    /* the browser's stdout and stderr */
    char error[1024];  /* what went wrong, after a call returned -1 */
};

/* Start chromium (a path) headless, with no network access and a fresh
 * profile under work_dir, and open url in a page of width x height CSS
 * pixels; returns once the page has loaded. 0 on success, -1 with
 * cdp->error set. Call cdp_stop in both cases. */
int cdp_start(struct cdp *cdp, const char *chromium, const char *work_dir, const char *url, int width, int height);

/* Send method with params (a JSON object text, or NULL for none) to the
 * page's session, and wait for the answer. *result (may be NULL) gets the
 * whole answer message, to free. 0 on success, -1 on a protocol error or a
 * timeout, with cdp->error set. */
int cdp_call(struct cdp *cdp, const char *method, const char *params, char **result);

/* Evaluate a JavaScript expression in the page; it must give a string
 * (a Promise of one is awaited). *value gets that string, to free. */
int cdp_evaluate(struct cdp *cdp, const char *expression, char **value);

/* Type text into the focused element, one key press per character. */
int cdp_type(struct cdp *cdp, const char *text);

/* Save a PNG of the whole page (beyond the viewport) into path. */
int cdp_screenshot(struct cdp *cdp, const char *path);

/* Close the browser (killing its process group if it does not exit in
 * time), and free and remove everything cdp_start made. */
void cdp_stop(struct cdp *cdp);

/* text as a JSON string literal, quotes included; to free. */
char *cdp_json_quote(const char *text);

#endif
