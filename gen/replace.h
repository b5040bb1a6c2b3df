/* replace.h: replace some files of one folder as a set, so that a run
 * killed at any moment, or a power loss, leaves the old set or, once the
 * next run has completed it, the new set; never a mix for long.
 *
 * Each new file is written in full to a temporary file beside its target
 * (.NAME.replygen-XXXXXX) and fsync'ed; then a journal (.replygen-journal) naming
 * the temporaries is written, fsync'ed and renamed into place: the commit.
 * Only then are the temporaries renamed onto their targets, in order; the
 * folder is fsync'ed, and the journal removed. A run that stops before the
 * commit leaves the old files (and temporaries, which the next run
 * removes); one that stops after it leaves the journal, and the next run
 * in the folder renames what it names before anything else. */
#ifndef REPLYGEN_REPLACE_H
#define REPLYGEN_REPLACE_H

#include "diag.h"

#include <stddef.h>

/* The journal's name inside the folder. */
#define REPLACE_JOURNAL ".replygen-journal"

struct replace {
    char *dir;
    int dir_fd;         /* open and locked (flock) from begin to end */
    char **staged;      /* the temporary file of each name, or NULL */
    char *const *names; /* the targets, as given to begin */
    size_t count;
    int committed; /* the journal is in place: keep the temporaries */
};

/* Open and lock the existing folder dir (another run waits for the lock),
 * complete the update an interrupted run committed there, and remove the
 * temporary files earlier runs left for any of names
 * (.NAME.replygen-XXXXXX) and
 * their unfinished journals. Returns 0, or -1 (reported) when the folder
 * cannot be opened or an interrupted update cannot be completed. */
int replace_begin(struct replace *r, const char *dir, char *const *names, size_t count, struct diag *diag);

/* Write the new bytes of names[index] to a temporary file and fsync it. */
int replace_stage(struct replace *r, size_t index, const char *data, size_t length, struct diag *diag);

/* Commit, and rename every staged file onto its target, printing "wrote
 * PATH" for each when verbose. Returns 0 or -1 (reported). */
int replace_commit(struct replace *r, int verbose, struct diag *diag);

/* Remove the temporary files not renamed (unless committed), unlock. */
void replace_end(struct replace *r);

#endif
