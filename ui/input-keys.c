/*
 * Key names and scancodes, generated from the one table in ui/input.h.
 */
#include "qemu/osdep.h"
#include "ui/input.h"

typedef struct KeyInfo {
    const char *name;
    uint16_t set1, set2;
} KeyInfo;

#define QEMU_INPUT_KEY_INFO(sfx, n, s1, s2) \
    [Q_KEY_CODE_##sfx] = { .name = n, .set1 = s1, .set2 = s2 },
static const KeyInfo keys[Q_KEY_CODE__MAX] = {
    QEMU_INPUT_KEYS(QEMU_INPUT_KEY_INFO)
};
#undef QEMU_INPUT_KEY_INFO

const char *qemu_input_qcode_name(int qcode)
{
    if (qcode <= Q_KEY_CODE_UNMAPPED || qcode >= Q_KEY_CODE__MAX) {
        return NULL;
    }
    return keys[qcode].name;
}

int qemu_input_qcode_from_name(const char *name)
{
    for (int i = Q_KEY_CODE_UNMAPPED + 1; i < Q_KEY_CODE__MAX; i++) {
        if (!strcmp(keys[i].name, name)) {
            return i;
        }
    }
    return -1;
}

uint16_t qemu_input_qcode_to_scancode(int qcode, int set)
{
    if (qcode <= Q_KEY_CODE_UNMAPPED || qcode >= Q_KEY_CODE__MAX) {
        return 0;
    }
    return set == 1 ? keys[qcode].set1 : keys[qcode].set2;
}
