/*
 * PL031 RTC on vexpress-a9 (0x10017000), through qtest: seconds follow
 * the virtual clock from -global pl031.start-time, and the match
 * interrupt fires when the clock passes the match value.
 */
#include "libqtest.h"

#define RTC     0x10017000
#define RTC_QOM "/machine/unattached/device[6]"

#define RTCDR   0x00
#define RTCMR   0x04
#define RTCLR   0x08
#define RTCIMSC 0x10
#define RTCRIS  0x14
#define RTCMIS  0x18
#define RTCICR  0x1c

#define SEC 1000000000LL
#define START 1577836800u   /* 2020-01-01T00:00:00Z */

static void test_counting(void)
{
    QTestState *s = qtest_init("-M vexpress-a9 -global pl031.start-time=2020-01-01T00:00:00Z");

    g_assert_cmpuint(qtest_readl(s, RTC + RTCDR), ==, START);
    qtest_clock_step(s, 3 * SEC);
    g_assert_cmpuint(qtest_readl(s, RTC + RTCDR), ==, START + 3);
    qtest_writel(s, RTC + RTCLR, 1000);
    g_assert_cmpuint(qtest_readl(s, RTC + RTCDR), ==, 1000);
    qtest_clock_step(s, SEC / 2);
    qtest_clock_step(s, SEC / 2);
    g_assert_cmpuint(qtest_readl(s, RTC + RTCDR), ==, 1001);
    g_assert_cmphex(qtest_readl(s, RTC + 0xfe0), ==, 0x31);
    qtest_quit(s);
}

static void test_alarm(void)
{
    QTestState *s = qtest_init("-M vexpress-a9 -global pl031.start-time=2020-01-01T00:00:00Z");

    qtest_irq_intercept_out_named(s, RTC_QOM, "sysbus-irq");
    qtest_writel(s, RTC + RTCMR, START + 5);
    qtest_writel(s, RTC + RTCIMSC, 1);
    qtest_clock_step(s, 4 * SEC);
    g_assert_false(qtest_get_irq(s, 0));
    g_assert_cmpuint(qtest_readl(s, RTC + RTCRIS), ==, 0);
    qtest_clock_step(s, SEC);
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_cmpuint(qtest_readl(s, RTC + RTCMIS), ==, 1);
    qtest_writel(s, RTC + RTCICR, 1);
    g_assert_false(qtest_get_irq(s, 0));
    /* Masked: the raw status is set, the line stays low. */
    qtest_writel(s, RTC + RTCIMSC, 0);
    qtest_writel(s, RTC + RTCMR, START + 7);
    qtest_clock_step(s, 2 * SEC);
    g_assert_cmpuint(qtest_readl(s, RTC + RTCRIS), ==, 1);
    g_assert_false(qtest_get_irq(s, 0));
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pl031/counting", test_counting);
    g_test_add_func("/pl031/alarm", test_alarm);
    return g_test_run();
}
