/*
 * Versatile Express system registers (0x10000000) through qtest: the
 * board starts from the devices' reset state, so the SYS_CFG oscillator
 * reads that Linux uses for its UART and CLCD clocks see the board's
 * frequencies from the first instruction on, and again after a reset.
 */
#include "libqtest.h"

#define SYSREG      0x10000000
#define SYS_CFGDATA (SYSREG + 0xa0)
#define SYS_CFGCTRL (SYSREG + 0xa4)
#define SYS_CFGSTAT (SYSREG + 0xa8)

#define CFG_START   (1u << 31)
#define CFG_OSC     (1u << 20)
#define STAT_DONE   1u

/* One SYS_CFG read of oscillator DEV at SITE, as Linux's vexpress-config does. */
static uint32_t osc_read(QTestState *s, unsigned site, unsigned dev)
{
    qtest_writel(s, SYS_CFGSTAT, 0);
    qtest_writel(s, SYS_CFGDATA, 0xdeadbeef);
    qtest_writel(s, SYS_CFGCTRL, CFG_START | CFG_OSC | (site << 16) | dev);
    g_assert_cmphex(qtest_readl(s, SYS_CFGSTAT), ==, STAT_DONE);
    return qtest_readl(s, SYS_CFGDATA);
}

static void test_osc_at_start(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");

    g_assert_cmpuint(osc_read(s, 0, 0), ==, 50000000);
    g_assert_cmpuint(osc_read(s, 0, 1), ==, 23750000);
    g_assert_cmpuint(osc_read(s, 0, 2), ==, 24000000);     /* UART reference */
    g_assert_cmpuint(osc_read(s, 1, 0), ==, 45000000);     /* CoreTile OSC0 */
    qtest_quit(s);
}

static void test_osc_after_reset(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");

    /* The guest reprograms the CLCD oscillator; a reset restores it. */
    qtest_writel(s, SYS_CFGDATA, 25175000);
    qtest_writel(s, SYS_CFGCTRL, CFG_START | (1u << 30) | CFG_OSC | 1);
    g_assert_cmpuint(osc_read(s, 0, 1), ==, 25175000);
    json_node_unref(qtest_qmp_assert_success(s, "{'execute': 'system_reset'}"));
    g_assert_cmpuint(osc_read(s, 0, 1), ==, 23750000);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-sysctl/osc-at-start", test_osc_at_start);
    g_test_add_func("/arm-sysctl/osc-after-reset", test_osc_after_reset);
    return g_test_run();
}
