/*
 * ferry-system-* entry point.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"

int main(int argc, char **argv)
{
    error_init(argv[0]);
    error_report("nothing to run yet");
    return 1;
}
