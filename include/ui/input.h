/*
 * Keys as the monitor's sendkey and the (future) UIs name them, and the
 * PC keyboard scancodes each one produces (set 1 "XT" and set 2 "AT";
 * 0xe0xx marks the extended prefix). One table, so that a key name, its
 * number and its codes cannot drift apart.
 */
#ifndef UI_INPUT_H
#define UI_INPUT_H

#include "qemu/osdep.h"

/* KEY_(ENUM_SUFFIX, "name", set1, set2) */
#define QEMU_INPUT_KEYS(KEY_)                                  \
    KEY_(SHIFT, "shift", 0x2a, 0x12)                           \
    KEY_(SHIFT_R, "shift_r", 0x36, 0x59)                       \
    KEY_(ALT, "alt", 0x38, 0x11)                               \
    KEY_(ALT_R, "alt_r", 0xe038, 0xe011)                       \
    KEY_(CTRL, "ctrl", 0x1d, 0x14)                             \
    KEY_(CTRL_R, "ctrl_r", 0xe01d, 0xe014)                     \
    KEY_(MENU, "menu", 0xe05d, 0xe02f)                         \
    KEY_(ESC, "esc", 0x01, 0x76)                               \
    KEY_(1, "1", 0x02, 0x16)                                   \
    KEY_(2, "2", 0x03, 0x1e)                                   \
    KEY_(3, "3", 0x04, 0x26)                                   \
    KEY_(4, "4", 0x05, 0x25)                                   \
    KEY_(5, "5", 0x06, 0x2e)                                   \
    KEY_(6, "6", 0x07, 0x36)                                   \
    KEY_(7, "7", 0x08, 0x3d)                                   \
    KEY_(8, "8", 0x09, 0x3e)                                   \
    KEY_(9, "9", 0x0a, 0x46)                                   \
    KEY_(0, "0", 0x0b, 0x45)                                   \
    KEY_(MINUS, "minus", 0x0c, 0x4e)                           \
    KEY_(EQUAL, "equal", 0x0d, 0x55)                           \
    KEY_(BACKSPACE, "backspace", 0x0e, 0x66)                   \
    KEY_(TAB, "tab", 0x0f, 0x0d)                               \
    KEY_(Q, "q", 0x10, 0x15)                                   \
    KEY_(W, "w", 0x11, 0x1d)                                   \
    KEY_(E, "e", 0x12, 0x24)                                   \
    KEY_(R, "r", 0x13, 0x2d)                                   \
    KEY_(T, "t", 0x14, 0x2c)                                   \
    KEY_(Y, "y", 0x15, 0x35)                                   \
    KEY_(U, "u", 0x16, 0x3c)                                   \
    KEY_(I, "i", 0x17, 0x43)                                   \
    KEY_(O, "o", 0x18, 0x44)                                   \
    KEY_(P, "p", 0x19, 0x4d)                                   \
    KEY_(BRACKET_LEFT, "bracket_left", 0x1a, 0x54)             \
    KEY_(BRACKET_RIGHT, "bracket_right", 0x1b, 0x5b)           \
    KEY_(RET, "ret", 0x1c, 0x5a)                               \
    KEY_(A, "a", 0x1e, 0x1c)                                   \
    KEY_(S, "s", 0x1f, 0x1b)                                   \
    KEY_(D, "d", 0x20, 0x23)                                   \
    KEY_(F, "f", 0x21, 0x2b)                                   \
    KEY_(G, "g", 0x22, 0x34)                                   \
    KEY_(H, "h", 0x23, 0x33)                                   \
    KEY_(J, "j", 0x24, 0x3b)                                   \
    KEY_(K, "k", 0x25, 0x42)                                   \
    KEY_(L, "l", 0x26, 0x4b)                                   \
    KEY_(SEMICOLON, "semicolon", 0x27, 0x4c)                   \
    KEY_(APOSTROPHE, "apostrophe", 0x28, 0x52)                 \
    KEY_(GRAVE_ACCENT, "grave_accent", 0x29, 0x0e)             \
    KEY_(BACKSLASH, "backslash", 0x2b, 0x5d)                   \
    KEY_(Z, "z", 0x2c, 0x1a)                                   \
    KEY_(X, "x", 0x2d, 0x22)                                   \
    KEY_(C, "c", 0x2e, 0x21)                                   \
    KEY_(V, "v", 0x2f, 0x2a)                                   \
    KEY_(B, "b", 0x30, 0x32)                                   \
    KEY_(N, "n", 0x31, 0x31)                                   \
    KEY_(M, "m", 0x32, 0x3a)                                   \
    KEY_(COMMA, "comma", 0x33, 0x41)                           \
    KEY_(DOT, "dot", 0x34, 0x49)                               \
    KEY_(SLASH, "slash", 0x35, 0x4a)                           \
    KEY_(ASTERISK, "asterisk", 0x37, 0x7c)                     \
    KEY_(SPC, "spc", 0x39, 0x29)                               \
    KEY_(CAPS_LOCK, "caps_lock", 0x3a, 0x58)                   \
    KEY_(F1, "f1", 0x3b, 0x05)                                 \
    KEY_(F2, "f2", 0x3c, 0x06)                                 \
    KEY_(F3, "f3", 0x3d, 0x04)                                 \
    KEY_(F4, "f4", 0x3e, 0x0c)                                 \
    KEY_(F5, "f5", 0x3f, 0x03)                                 \
    KEY_(F6, "f6", 0x40, 0x0b)                                 \
    KEY_(F7, "f7", 0x41, 0x83)                                 \
    KEY_(F8, "f8", 0x42, 0x0a)                                 \
    KEY_(F9, "f9", 0x43, 0x01)                                 \
    KEY_(F10, "f10", 0x44, 0x09)                               \
    KEY_(NUM_LOCK, "num_lock", 0x45, 0x77)                     \
    KEY_(SCROLL_LOCK, "scroll_lock", 0x46, 0x7e)               \
    KEY_(KP_DIVIDE, "kp_divide", 0xe035, 0xe04a)               \
    KEY_(KP_MULTIPLY, "kp_multiply", 0x37, 0x7c)               \
    KEY_(KP_SUBTRACT, "kp_subtract", 0x4a, 0x7b)               \
    KEY_(KP_ADD, "kp_add", 0x4e, 0x79)                         \
    KEY_(KP_ENTER, "kp_enter", 0xe01c, 0xe05a)                 \
    KEY_(KP_DECIMAL, "kp_decimal", 0x53, 0x71)                 \
    KEY_(KP_0, "kp_0", 0x52, 0x70)                             \
    KEY_(KP_1, "kp_1", 0x4f, 0x69)                             \
    KEY_(KP_2, "kp_2", 0x50, 0x72)                             \
    KEY_(KP_3, "kp_3", 0x51, 0x7a)                             \
    KEY_(KP_4, "kp_4", 0x4b, 0x6b)                             \
    KEY_(KP_5, "kp_5", 0x4c, 0x73)                             \
    KEY_(KP_6, "kp_6", 0x4d, 0x74)                             \
    KEY_(KP_7, "kp_7", 0x47, 0x6c)                             \
    KEY_(KP_8, "kp_8", 0x48, 0x75)                             \
    KEY_(KP_9, "kp_9", 0x49, 0x7d)                             \
    KEY_(LESS, "less", 0x56, 0x61)                             \
    KEY_(F11, "f11", 0x57, 0x78)                               \
    KEY_(F12, "f12", 0x58, 0x07)                               \
    KEY_(HOME, "home", 0xe047, 0xe06c)                         \
    KEY_(PGUP, "pgup", 0xe049, 0xe07d)                         \
    KEY_(PGDN, "pgdn", 0xe051, 0xe07a)                         \
    KEY_(END, "end", 0xe04f, 0xe069)                           \
    KEY_(LEFT, "left", 0xe04b, 0xe06b)                         \
    KEY_(UP, "up", 0xe048, 0xe075)                             \
    KEY_(DOWN, "down", 0xe050, 0xe072)                         \
    KEY_(RIGHT, "right", 0xe04d, 0xe074)                       \
    KEY_(INSERT, "insert", 0xe052, 0xe070)                     \
    KEY_(DELETE, "delete", 0xe053, 0xe071)                     \
    KEY_(META_L, "meta_l", 0xe05b, 0xe01f)                     \
    KEY_(META_R, "meta_r", 0xe05c, 0xe027)

#define QEMU_INPUT_KEY_ENUM(sfx, name, s1, s2) Q_KEY_CODE_##sfx,
typedef enum QKeyCode {
    Q_KEY_CODE_UNMAPPED = 0,
    QEMU_INPUT_KEYS(QEMU_INPUT_KEY_ENUM)
    Q_KEY_CODE__MAX
} QKeyCode;
#undef QEMU_INPUT_KEY_ENUM

/* Name as sendkey spells it ("ret", "kp_add"), or NULL for a bad code. */
const char *qemu_input_qcode_name(int qcode);
/* The code for NAME, or -1 (sendkey's "unknown key" check). */
int qemu_input_qcode_from_name(const char *name);
/* PC scancodes of QCODE in set 1 or 2 (0xe0xx: extended); 0 if none. */
uint16_t qemu_input_qcode_to_scancode(int qcode, int set);

/* Mouse buttons for ps2_mouse_event() and future pointer sources. */
#define INPUT_BUTTON_LEFT   (1u << 0)
#define INPUT_BUTTON_RIGHT  (1u << 1)
#define INPUT_BUTTON_MIDDLE (1u << 2)

#endif
