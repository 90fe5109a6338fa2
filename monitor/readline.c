/*
 * Line editing for the human monitor (see include/monitor/readline.h).
 *
 * Redraw strategy: typing at the end of the line echoes the byte alone, so a
 * tool that reads the monitor output sees plain text; any other edit redraws
 * the whole line ("\r", prompt, text, erase to end, cursor back), which is
 * correct on every ANSI terminal whatever the previous contents.
 */
#include "qemu/osdep.h"
#include "monitor/readline.h"

enum { ESC_NONE, ESC_ESC, ESC_CSI, ESC_SS3 };

struct ReadLineState {
    char line[READLINE_LINE_MAX + 1];
    int len;
    int pos;
    char *history[READLINE_HISTORY_MAX];
    int hist_count;
    int hist_pos;       /* -1: editing a new line, else the shown entry */
    char *saved;        /* the new line while browsing history */
    int esc_state;
    int esc_param;
    bool last_cr;       /* a CR ended the last line: a following LF is not a line */
    char *prompt;
    ReadLineOutFunc *out;
    ReadLineFunc *on_line;
    ReadLineCompleteFunc *complete;
    void *opaque;
};

ReadLineState *readline_new(ReadLineOutFunc *out, ReadLineFunc *on_line,
                            ReadLineCompleteFunc *complete, void *opaque)
{
    ReadLineState *rs = g_new0(ReadLineState, 1);

    rs->out = out;
    rs->on_line = on_line;
    rs->complete = complete;
    rs->opaque = opaque;
    rs->hist_pos = -1;
    rs->prompt = g_strdup("");
    return rs;
}

void readline_free(ReadLineState *rs)
{
    if (!rs) {
        return;
    }
    for (int i = 0; i < rs->hist_count; i++) {
        g_free(rs->history[i]);
    }
    g_free(rs->saved);
    g_free(rs->prompt);
    g_free(rs);
}

static void rl_puts(ReadLineState *rs, const char *s)
{
    rs->out(rs->opaque, s, strlen(s));
}

void readline_set_prompt(ReadLineState *rs, const char *prompt)
{
    g_free(rs->prompt);
    rs->prompt = g_strdup(prompt);
}

void readline_show_prompt(ReadLineState *rs)
{
    rl_puts(rs, rs->prompt);
    rs->out(rs->opaque, rs->line, rs->len);
    if (rs->pos < rs->len) {
        g_autofree char *back = g_strdup_printf("\033[%dD", rs->len - rs->pos);

        rl_puts(rs, back);
    }
}

static void redraw(ReadLineState *rs)
{
    rl_puts(rs, "\r");
    rl_puts(rs, rs->prompt);
    rs->out(rs->opaque, rs->line, rs->len);
    rl_puts(rs, "\033[K");
    if (rs->pos < rs->len) {
        g_autofree char *back = g_strdup_printf("\033[%dD", rs->len - rs->pos);

        rl_puts(rs, back);
    }
}

static void set_line(ReadLineState *rs, const char *text)
{
    size_t n = MIN(strlen(text), (size_t)READLINE_LINE_MAX);

    memcpy(rs->line, text, n);
    rs->line[n] = '\0';
    rs->len = rs->pos = n;
}

static void insert_text(ReadLineState *rs, const char *text, size_t n)
{
    n = MIN(n, (size_t)(READLINE_LINE_MAX - rs->len));
    if (!n) {
        return;
    }
    memmove(rs->line + rs->pos + n, rs->line + rs->pos, rs->len - rs->pos);
    memcpy(rs->line + rs->pos, text, n);
    rs->len += n;
    rs->pos += n;
    rs->line[rs->len] = '\0';
    if (rs->pos == rs->len) {
        rs->out(rs->opaque, text, n);
    } else {
        redraw(rs);
    }
}

static void delete_range(ReadLineState *rs, int from, int to)
{
    if (from >= to) {
        return;
    }
    memmove(rs->line + from, rs->line + to, rs->len - to);
    rs->len -= to - from;
    rs->line[rs->len] = '\0';
    rs->pos = from;
    redraw(rs);
}

static void move_to(ReadLineState *rs, int pos)
{
    pos = CLAMP(pos, 0, rs->len);
    if (pos != rs->pos) {
        rs->pos = pos;
        redraw(rs);
    }
}

static void history_add(ReadLineState *rs, const char *line)
{
    if (!*line || (rs->hist_count &&
                   !strcmp(rs->history[rs->hist_count - 1], line))) {
        return;
    }
    if (rs->hist_count == READLINE_HISTORY_MAX) {
        g_free(rs->history[0]);
        memmove(rs->history, rs->history + 1,
                (READLINE_HISTORY_MAX - 1) * sizeof(char *));
        rs->hist_count--;
    }
    rs->history[rs->hist_count++] = g_strdup(line);
}

/* DIR -1: older entry, +1: newer (back to the saved new line at the end). */
static void history_move(ReadLineState *rs, int dir)
{
    int next;

    if (rs->hist_pos < 0) {
        if (dir > 0 || !rs->hist_count) {
            return;
        }
        g_free(rs->saved);
        rs->saved = g_strdup(rs->line);
        next = rs->hist_count - 1;
    } else {
        next = rs->hist_pos + dir;
        if (next < 0) {
            return;
        }
    }
    if (next >= rs->hist_count) {
        rs->hist_pos = -1;
        set_line(rs, rs->saved ? rs->saved : "");
    } else {
        rs->hist_pos = next;
        set_line(rs, rs->history[next]);
    }
    redraw(rs);
}

static void complete_word(ReadLineState *rs)
{
    g_autoptr(GPtrArray) cands = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *prefix = NULL;
    size_t plen, common;

    if (!rs->complete || memchr(rs->line, ' ', rs->pos)) {
        return;     /* only the command name is completed */
    }
    prefix = g_strndup(rs->line, rs->pos);
    rs->complete(rs->opaque, prefix, cands);
    if (!cands->len) {
        return;
    }
    plen = strlen(prefix);
    if (cands->len == 1) {
        const char *word = g_ptr_array_index(cands, 0);

        insert_text(rs, word + plen, strlen(word) - plen);
        insert_text(rs, " ", 1);
        return;
    }
    /* Several: extend to their common prefix, else list them. */
    common = strlen(g_ptr_array_index(cands, 0));
    for (guint i = 1; i < cands->len; i++) {
        const char *a = g_ptr_array_index(cands, 0), *b = g_ptr_array_index(cands, i);
        size_t k = 0;

        while (k < common && a[k] && a[k] == b[k]) {
            k++;
        }
        common = k;
    }
    if (common > plen) {
        insert_text(rs, (const char *)g_ptr_array_index(cands, 0) + plen,
                    common - plen);
        return;
    }
    rl_puts(rs, "\r\n");
    for (guint i = 0; i < cands->len; i++) {
        rl_puts(rs, g_ptr_array_index(cands, i));
        rl_puts(rs, i + 1 < cands->len ? " " : "\r\n");
    }
    readline_show_prompt(rs);
}

static void enter_line(ReadLineState *rs)
{
    g_autofree char *line = g_strdup(rs->line);

    rl_puts(rs, "\r\n");
    history_add(rs, line);
    rs->hist_pos = -1;
    g_clear_pointer(&rs->saved, g_free);
    rs->len = rs->pos = 0;
    rs->line[0] = '\0';
    rs->on_line(rs->opaque, line);
}

static void handle_csi(ReadLineState *rs, int ch)
{
    if (ch >= '0' && ch <= '9') {
        rs->esc_param = rs->esc_param * 10 + ch - '0';
        if (rs->esc_param > 1000) {
            rs->esc_param = 1000;
        }
        return;
    }
    rs->esc_state = ESC_NONE;
    switch (ch) {
    case 'A':
        history_move(rs, -1);
        break;
    case 'B':
        history_move(rs, 1);
        break;
    case 'C':
        move_to(rs, rs->pos + 1);
        break;
    case 'D':
        move_to(rs, rs->pos - 1);
        break;
    case 'H':
        move_to(rs, 0);
        break;
    case 'F':
        move_to(rs, rs->len);
        break;
    case '~':
        switch (rs->esc_param) {
        case 1:
        case 7:
            move_to(rs, 0);
            break;
        case 4:
        case 8:
            move_to(rs, rs->len);
            break;
        case 3:
            delete_range(rs, rs->pos, MIN(rs->pos + 1, rs->len));
            break;
        }
        break;
    default:
        break;      /* unknown sequences are ignored */
    }
}

void readline_handle_byte(ReadLineState *rs, int ch)
{
    bool was_cr = rs->last_cr;

    rs->last_cr = false;
    switch (rs->esc_state) {
    case ESC_ESC:
        rs->esc_param = 0;
        rs->esc_state = ch == '[' ? ESC_CSI : ch == 'O' ? ESC_SS3 : ESC_NONE;
        return;
    case ESC_CSI:
        handle_csi(rs, ch);
        return;
    case ESC_SS3:
        rs->esc_state = ESC_NONE;
        if (ch == 'H') {
            move_to(rs, 0);
        } else if (ch == 'F') {
            move_to(rs, rs->len);
        }
        return;
    }
    switch (ch) {
    case 1:     /* Ctrl-A */
        move_to(rs, 0);
        break;
    case 2:     /* Ctrl-B */
        move_to(rs, rs->pos - 1);
        break;
    case 4:     /* Ctrl-D */
        delete_range(rs, rs->pos, MIN(rs->pos + 1, rs->len));
        break;
    case 5:     /* Ctrl-E */
        move_to(rs, rs->len);
        break;
    case 6:     /* Ctrl-F */
        move_to(rs, rs->pos + 1);
        break;
    case 8:     /* Ctrl-H */
    case 127:
        delete_range(rs, MAX(rs->pos - 1, 0), rs->pos);
        break;
    case 9:
        complete_word(rs);
        break;
    case 11:    /* Ctrl-K */
        delete_range(rs, rs->pos, rs->len);
        break;
    case 14:    /* Ctrl-N */
        history_move(rs, 1);
        break;
    case 16:    /* Ctrl-P */
        history_move(rs, -1);
        break;
    case 21:    /* Ctrl-U */
        delete_range(rs, 0, rs->pos);
        break;
    case 27:
        rs->esc_state = ESC_ESC;
        break;
    case '\r':
        rs->last_cr = true;
        enter_line(rs);
        break;
    case '\n':
        if (!was_cr) {
            enter_line(rs);
        }
        break;
    default:
        if (ch >= 32) {
            char c = ch;

            insert_text(rs, &c, 1);
        }
        break;
    }
}

const char *readline_get_line(ReadLineState *rs)
{
    return rs->line;
}

int readline_get_cursor(ReadLineState *rs)
{
    return rs->pos;
}

const char *readline_get_history(ReadLineState *rs, int i)
{
    return i >= 0 && i < rs->hist_count ? rs->history[i] : NULL;
}
