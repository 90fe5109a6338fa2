/*
 * SP804 dual timer on vexpress-a9 (0x10011000), through qtest: the count
 * follows the virtual clock exactly (it moves only when the test steps
 * it), and the interrupt reaches the sysbus-irq line.
 */
#include "libqtest.h"

#define TIMER01     0x10011000
#define TIMER01_QOM "/machine/unattached/device[4]"

#define LOAD    0x00
#define VALUE   0x04
#define CONTROL 0x08
#define INTCLR  0x0c
#define RIS     0x10
#define MIS     0x14

#define CTRL_ONESHOT  (1 << 0)
#define CTRL_32BIT    (1 << 1)
#define CTRL_IE       (1 << 5)
#define CTRL_PERIODIC (1 << 6)
#define CTRL_ENABLE   (1 << 7)

#define US 1000     /* ns; the timer counts at 1 MHz */

static void test_counting(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");

    qtest_writel(s, TIMER01 + LOAD, 1000);
    qtest_writel(s, TIMER01 + CONTROL, CTRL_ENABLE | CTRL_PERIODIC | CTRL_32BIT);
    g_assert_cmpuint(qtest_readl(s, TIMER01 + VALUE), ==, 1000);
    qtest_clock_step(s, 100 * US);
    g_assert_cmpuint(qtest_readl(s, TIMER01 + VALUE), ==, 900);
    qtest_clock_step(s, 850 * US);
    g_assert_cmpuint(qtest_readl(s, TIMER01 + VALUE), ==, 50);
    g_assert_cmpuint(qtest_readl(s, TIMER01 + RIS), ==, 0);
    /* Periodic: reloads from LOAD at zero and flags the interrupt. */
    qtest_clock_step(s, 60 * US);
    g_assert_cmpuint(qtest_readl(s, TIMER01 + RIS), ==, 1);
    g_assert_cmpuint(qtest_readl(s, TIMER01 + VALUE), ==, 990);
    /* Disabled: the count holds however far the clock moves. */
    qtest_writel(s, TIMER01 + CONTROL, CTRL_PERIODIC | CTRL_32BIT);
    qtest_clock_step(s, 500 * US);
    g_assert_cmpuint(qtest_readl(s, TIMER01 + VALUE), ==, 990);
    qtest_quit(s);
}

static void test_interrupt(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");
    int64_t start = qtest_clock_step(s, 0);

    qtest_irq_intercept_out_named(s, TIMER01_QOM, "sysbus-irq");
    qtest_writel(s, TIMER01 + LOAD, 250);
    qtest_writel(s, TIMER01 + CONTROL, CTRL_ENABLE | CTRL_ONESHOT | CTRL_32BIT | CTRL_IE);
    g_assert_false(qtest_get_irq(s, 0));
    /* clock_step without argument goes exactly to the timer's deadline. */
    g_assert_cmpint(qtest_clock_step_next(s), ==, start + 250 * US);
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_cmpuint(qtest_readl(s, TIMER01 + MIS), ==, 1);
    qtest_writel(s, TIMER01 + INTCLR, 1);
    g_assert_false(qtest_get_irq(s, 0));
    g_assert_cmpuint(qtest_readl(s, TIMER01 + RIS), ==, 0);
    /* One-shot: stopped at zero, nothing pending any more. */
    g_assert_cmpuint(qtest_readl(s, TIMER01 + VALUE), ==, 0);
    g_assert_false(qtest_get_irq(s, 0));
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sp804/counting", test_counting);
    g_test_add_func("/sp804/interrupt", test_interrupt);
    return g_test_run();
}
