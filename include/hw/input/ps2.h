/*
 * PS/2 keyboard and mouse (the device side of the PS/2 link).
 *
 * Each is a plain struct embedded in its host interface (PL050, later an
 * i8042), which reads bytes with ps2_read_data() and sends commands with
 * ps2_write_*(). UPDATE(OPAQUE, level) is called whenever the queue goes
 * from empty to non-empty (level 1) or back (0).
 *
 * Input API (for a UI, the monitor's sendkey, tests):
 *   ps2_keyboard_event(kbd, qcode, down)  one key press or release; qcode
 *       is a QKeyCode from ui/input.h. Codes go out in the selected scan
 *       code set (1 or 2) when scanning is enabled; a full queue drops the
 *       event whole (never half a sequence).
 *   ps2_mouse_event(mouse, dx, dy, dz, buttons)  relative motion: dx > 0
 *       right, dy > 0 down (screen convention; the packet carries "up"),
 *       dz > 0 wheel towards the user; buttons = INPUT_BUTTON_* mask.
 *       Motion accumulates and goes out in packets as queue room allows
 *       (stream mode, reporting enabled).
 *   ps2_keyboard_default() / ps2_mouse_default()  the most recently
 *       initialized keyboard or mouse still alive, or NULL: the target of
 *       sendkey and mouse_move until input routing exists.
 */
#ifndef HW_INPUT_PS2_H
#define HW_INPUT_PS2_H

#include "qemu/osdep.h"
#include "migration/vmstate.h"

#define PS2_QUEUE_SIZE 16

typedef void PS2UpdateFn(void *opaque, int level);

typedef struct PS2State {
    uint8_t data[PS2_QUEUE_SIZE];
    uint32_t rptr;
    uint32_t count;
    uint8_t last;           /* last byte read: resend and empty reads */
    int32_t write_cmd;      /* command awaiting its parameter, or -1 */
    bool is_mouse;          /* reads let pending motion out */
    PS2UpdateFn *update;
    void *opaque;
} PS2State;

typedef struct PS2KbdState {
    PS2State common;
    bool scan_enabled;
    uint8_t scancode_set;   /* 1 or 2 */
    uint8_t leds;
    uint8_t typematic;
} PS2KbdState;

typedef struct PS2MouseState {
    PS2State common;
    uint8_t status;         /* bit 6 remote, 5 enabled, 4 scaling 2:1 */
    uint8_t resolution;
    uint8_t sample_rate;
    uint8_t wrap;
    uint8_t type;           /* device id: 0 PS/2, 3 IntelliMouse */
    uint8_t detect_state;   /* progress through the 200, 100, 80 knock */
    uint8_t buttons;
    uint8_t sent_buttons;   /* as in the last packet */
    int32_t dx, dy, dz;     /* motion not yet sent */
} PS2MouseState;

void ps2_kbd_init(PS2KbdState *s, PS2UpdateFn *update, void *opaque);
void ps2_mouse_init(PS2MouseState *s, PS2UpdateFn *update, void *opaque);
/* Removes S from the default-device lookup (call before freeing). */
void ps2_kbd_cleanup(PS2KbdState *s);
void ps2_mouse_cleanup(PS2MouseState *s);
/* Power-on state: the queue is emptied, no self-test byte is sent. */
void ps2_kbd_reset(PS2KbdState *s);
void ps2_mouse_reset(PS2MouseState *s);

/* Next byte, or the last one again when the queue is empty. */
uint8_t ps2_read_data(PS2State *s);
bool ps2_has_data(const PS2State *s);
/* Peeks at the byte ps2_read_data() would return. */
uint8_t ps2_peek_data(const PS2State *s);
void ps2_write_keyboard(PS2KbdState *s, uint8_t byte);
void ps2_write_mouse(PS2MouseState *s, uint8_t byte);

void ps2_keyboard_event(PS2KbdState *s, int qcode, bool down);
void ps2_mouse_event(PS2MouseState *s, int dx, int dy, int dz,
                     unsigned buttons);
PS2KbdState *ps2_keyboard_default(void);
PS2MouseState *ps2_mouse_default(void);

/* For VMSTATE_STRUCT in the host interface's description. */
extern const VMStateDescription vmstate_ps2_keyboard;
extern const VMStateDescription vmstate_ps2_mouse;

#endif
