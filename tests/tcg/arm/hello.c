/* The smallest test: one line through SYS_WRITE0, exit status 0. */
#include "testlib.h"

int main(void);
int main(void)
{
    put_str("hello\n");
    return 0;
}
