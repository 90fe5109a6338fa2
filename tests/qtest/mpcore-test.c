/*
 * The vexpress boards' MPCore private region through qtest: board device
 * interrupts reach their GIC SPIs (pending in the distributor), the A9
 * private timer reaches PPI 29, -smp sets the core count the SCU and the
 * GIC report and the cores are children of the container, and -smp beyond
 * four is refused.
 */
#include "libqtest.h"

#define A9_PRIV     0x1e000000
#define A15_PRIV    0x2c000000
#define GICD_TYPER  0x1004
#define ISPENDR(n)  (0x1200 + 4 * (n))
#define ICPENDR(n)  (0x1280 + 4 * (n))

/* SP804: LOAD, CONTROL, INTCLR */
#define T_LOAD      0x00
#define T_CONTROL   0x08
#define T_INTCLR    0x0c
#define T_ONESHOT_IE_32_EN  ((1 << 0) | (1 << 1) | (1 << 5) | (1 << 7))

typedef struct Board {
    const char *machine;
    uint64_t priv;
    uint64_t timer01, timer23;
} Board;

static const Board a9 = { "vexpress-a9", A9_PRIV, 0x10011000, 0x10012000 };
static const Board a15 = { "vexpress-a15", A15_PRIV, 0x1c110000, 0x1c120000 };

/* A one-shot SP804 interrupt: SPI 2 (timer 0/1) and SPI 3 (timer 2/3). */
static void test_sp804_spi(gconstpointer data)
{
    const Board *b = data;
    g_autofree char *args = g_strdup_printf("-M %s", b->machine);
    QTestState *s = qtest_init(args);
    uint64_t gicd_spi = b->priv + ISPENDR(1);

    g_assert_cmphex(qtest_readl(s, gicd_spi), ==, 0);
    qtest_writel(s, b->timer01 + T_LOAD, 100);
    qtest_writel(s, b->timer01 + T_CONTROL, T_ONESHOT_IE_32_EN);
    qtest_clock_step(s, 100 * 1000);
    g_assert_cmphex(qtest_readl(s, gicd_spi), ==, 1u << 2);
    qtest_writel(s, b->timer23 + T_LOAD, 50);
    qtest_writel(s, b->timer23 + T_CONTROL, T_ONESHOT_IE_32_EN);
    qtest_clock_step(s, 50 * 1000);
    g_assert_cmphex(qtest_readl(s, gicd_spi), ==, (1u << 2) | (1u << 3));
    /* Level-sensitive: clearing the device's interrupt clears the pending. */
    qtest_writel(s, b->timer01 + T_INTCLR, 1);
    g_assert_cmphex(qtest_readl(s, gicd_spi), ==, 1u << 3);
    qtest_writel(s, b->timer23 + T_INTCLR, 1);
    g_assert_cmphex(qtest_readl(s, gicd_spi), ==, 0);
    qtest_quit(s);
}

/* PL031 match interrupt: SPI 4. */
static void test_rtc_spi(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");
    uint64_t gicd_spi = A9_PRIV + ISPENDR(1);
    /* Match one second ahead, unmask, let two seconds of guest time pass. */
    uint32_t now = qtest_readl(s, 0x10017000);

    qtest_writel(s, 0x10017000 + 0x04, now + 1);
    qtest_writel(s, 0x10017000 + 0x10, 1);
    qtest_clock_step(s, 2 * 1000 * 1000 * 1000LL);
    g_assert_true(qtest_readl(s, gicd_spi) & (1u << 4));
    qtest_writel(s, 0x10017000 + 0x1c, 1);
    g_assert_false(qtest_readl(s, gicd_spi) & (1u << 4));
    qtest_quit(s);
}

static void test_private_timer_ppi(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");

    /* qtest accesses come from CPU 0: its private timer, its PPI bank. */
    qtest_writel(s, A9_PRIV + 0x600, 1000);
    qtest_writel(s, A9_PRIV + 0x608, 5);
    g_assert_false(qtest_readl(s, A9_PRIV + ISPENDR(0)) & (1u << 29));
    qtest_clock_step(s, 1000 * 10);
    g_assert_cmphex(qtest_readl(s, A9_PRIV + ISPENDR(0)), ==, 1u << 29);
    g_assert_cmpuint(qtest_readl(s, A9_PRIV + 0x60c), ==, 1);
    qtest_quit(s);
}

/* Global timer: the counter follows the virtual clock; comparator -> PPI 27. */
static void test_global_timer_ppi(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");

    g_assert_cmpuint(qtest_readl(s, A9_PRIV + 0x200), ==, 0);
    qtest_writel(s, A9_PRIV + 0x210, 5000);                 /* comparator */
    qtest_writel(s, A9_PRIV + 0x208, 7);    /* timer, comparator, IRQ enable */
    qtest_clock_step(s, 1000 * 10);
    g_assert_cmpuint(qtest_readl(s, A9_PRIV + 0x200), ==, 1000);
    g_assert_false(qtest_readl(s, A9_PRIV + ISPENDR(0)) & (1u << 27));
    qtest_clock_step(s, 4000 * 10);
    g_assert_cmpuint(qtest_readl(s, A9_PRIV + 0x20c), ==, 1);
    g_assert_true(qtest_readl(s, A9_PRIV + ISPENDR(0)) & (1u << 27));
    /* Edge-triggered PPI: clearing the event flag leaves it pending. */
    qtest_writel(s, A9_PRIV + 0x20c, 1);
    g_assert_cmpuint(qtest_readl(s, A9_PRIV + 0x20c), ==, 0);
    qtest_writel(s, A9_PRIV + ICPENDR(0), 1u << 27);
    g_assert_false(qtest_readl(s, A9_PRIV + ISPENDR(0)) & (1u << 27));
    /* SCU control: the enable bit holds. */
    qtest_writel(s, A9_PRIV + 0x00, 1);
    g_assert_cmpuint(qtest_readl(s, A9_PRIV + 0x00), ==, 1);
    qtest_quit(s);
}

static void test_smp(void)
{
    QTestState *s = qtest_init("-M vexpress-a9 -smp 4");
    JsonNode *r;

    /* SCU: 4 CPUs, all in SMP; GICD_TYPER.CPUNumber 3, 96 IDs. */
    g_assert_cmphex(qtest_readl(s, A9_PRIV + 0x04), ==, 0xf3);
    g_assert_cmphex(qtest_readl(s, A9_PRIV + GICD_TYPER) & 0xff, ==, 0x62);
    /* vexpress: the secondaries run (the boot code's pen holds them). */
    r = qtest_qmp_assert_success(s, "{'execute': 'qom-get', 'arguments': "
                                 "{'path': '/machine/mpcore/cpu[3]', 'property': "
                                 "'start-powered-off'}}");
    g_assert_false(json_node_get_boolean(r));
    json_node_unref(r);
    r = qtest_qmp_assert_success(s, "{'execute': 'qom-get', 'arguments': "
                                 "{'path': '/machine/mpcore/cpu[0]', 'property': "
                                 "'start-powered-off'}}");
    g_assert_false(json_node_get_boolean(r));
    json_node_unref(r);
    qtest_quit(s);

    s = qtest_init("-M vexpress-a15 -smp 2");
    g_assert_cmphex(qtest_readl(s, A15_PRIV + GICD_TYPER) & 0xff, ==, 0x22);
    qtest_quit(s);
}

static void test_smp_too_many(void)
{
    g_autofree char *err = NULL;
    int status = qtest_run_binary("-M vexpress-a9 -smp 5 -display none", NULL, &err);

    g_assert_cmpint(status, !=, 0);
    g_assert_nonnull(strstr(err, "Invalid SMP CPUs 5. The max CPUs supported by machine "
                            "'vexpress-a9"));
    g_assert_nonnull(strstr(err, "' is 4"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_data_func("/mpcore/a9/sp804-spi", &a9, test_sp804_spi);
    g_test_add_data_func("/mpcore/a15/sp804-spi", &a15, test_sp804_spi);
    g_test_add_func("/mpcore/a9/rtc-spi", test_rtc_spi);
    g_test_add_func("/mpcore/a9/private-timer-ppi", test_private_timer_ppi);
    g_test_add_func("/mpcore/a9/global-timer-ppi", test_global_timer_ppi);
    g_test_add_func("/mpcore/smp", test_smp);
    g_test_add_func("/mpcore/smp-too-many", test_smp_too_many);
    return g_test_run();
}
