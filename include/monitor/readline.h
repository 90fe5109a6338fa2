/*
 * Line editing for the human monitor: cursor movement, history, completion
 * of the first word. Input is fed one byte at a time (terminal escape
 * sequences included); output (echo, redraws) goes through a callback.
 */
#ifndef MONITOR_READLINE_H
#define MONITOR_READLINE_H

#include "qemu/osdep.h"

#define READLINE_LINE_MAX 4096
#define READLINE_HISTORY_MAX 64

typedef struct ReadLineState ReadLineState;

/* Writes LEN bytes of terminal output. */
typedef void ReadLineOutFunc(void *opaque, const char *buf, size_t len);
/* A complete line was entered (without its newline). */
typedef void ReadLineFunc(void *opaque, const char *line);
/* Adds to CANDIDATES (char *, g_free'd by the caller) the words that can
 * complete PREFIX, the first word of the line. */
typedef void ReadLineCompleteFunc(void *opaque, const char *prefix,
                                  GPtrArray *candidates);

ReadLineState *readline_new(ReadLineOutFunc *out, ReadLineFunc *on_line,
                            ReadLineCompleteFunc *complete, void *opaque);
void readline_free(ReadLineState *rs);
/* PROMPT is copied; readline_show_prompt() prints it and the edited line. */
void readline_set_prompt(ReadLineState *rs, const char *prompt);
void readline_show_prompt(ReadLineState *rs);
void readline_handle_byte(ReadLineState *rs, int ch);

/* For tests and completion: the line being edited and the cursor. */
const char *readline_get_line(ReadLineState *rs);
int readline_get_cursor(ReadLineState *rs);
/* History entry I (0: oldest), NULL past the end. */
const char *readline_get_history(ReadLineState *rs, int i);

#endif
