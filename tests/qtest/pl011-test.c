/*
 * PL011 UART on vexpress-a9 (UART0 at 0x10009000), through qtest:
 * transmitted bytes reach the -serial chardev (a file, or a unix socket
 * the test listens on), received bytes raise the interrupt on the
 * sysbus-irq line.
 */
#include "libqtest.h"

#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define UART0     0x10009000
#define UART0_QOM "/machine/unattached/device[0]"

#define DR    0x000
#define FR    0x018
#define CR    0x030
#define IMSC  0x038
#define RIS   0x03c
#define MIS   0x040

#define FR_RXFE (1 << 4)
#define FR_TXFE (1 << 7)
#define CR_ENABLE_ALL 0x301     /* UARTEN | TXE | RXE */
#define INT_RX (1 << 4)
#define INT_TX (1 << 5)
#define INT_RT (1 << 6)

static void test_id(void)
{
    static const uint8_t id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    QTestState *s = qtest_init("-M vexpress-a9");

    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(qtest_readl(s, UART0 + 0xfe0 + 4 * i), ==, id[i]);
    }
    qtest_quit(s);
}

static void test_tx_file(void)
{
    g_autofree char *dir = g_dir_make_tmp("pl011-test-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "serial.out", NULL);
    g_autofree char *args = g_strdup_printf("-M vexpress-a9 -serial file:%s", path);
    QTestState *s = qtest_init(args);
    const char *msg = "Hello, Ferry\n";
    g_autofree char *text = NULL;

    qtest_writel(s, UART0 + CR, CR_ENABLE_ALL);
    for (const char *p = msg; *p; p++) {
        qtest_writel(s, UART0 + DR, (uint8_t)*p);
    }
    g_assert_cmphex(qtest_readl(s, UART0 + FR) & FR_TXFE, ==, FR_TXFE);
    qtest_quit(s);
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, msg);
    unlink(path);
    rmdir(dir);
}

static void test_tx_interrupt(void)
{
    QTestState *s = qtest_init("-M vexpress-a9");

    qtest_irq_intercept_out_named(s, UART0_QOM, "sysbus-irq");
    qtest_writel(s, UART0 + CR, CR_ENABLE_ALL);
    g_assert_false(qtest_get_irq(s, 0));
    /* Transmit FIFO empty: the TX interrupt is pending once unmasked. */
    qtest_writel(s, UART0 + IMSC, INT_TX);
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_cmphex(qtest_readl(s, UART0 + MIS), ==, INT_TX);
    qtest_writel(s, UART0 + IMSC, 0);
    g_assert_false(qtest_get_irq(s, 0));
    qtest_quit(s);
}

static void test_rx_socket(void)
{
    g_autofree char *dir = g_dir_make_tmp("pl011-test-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "serial.sock", NULL);
    g_autofree char *args = g_strdup_printf("-M vexpress-a9 -serial unix:%s", path);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int lfd = socket(AF_UNIX, SOCK_STREAM, 0), fd;
    QTestState *s;
    char buf[8];
    int tries = 0;

    g_assert_cmpint(lfd, >=, 0);
    strcpy(addr.sun_path, path);
    g_assert_cmpint(bind(lfd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    g_assert_cmpint(listen(lfd, 1), ==, 0);
    s = qtest_init(args);
    fd = accept(lfd, NULL, NULL);
    g_assert_cmpint(fd, >=, 0);

    qtest_irq_intercept_out_named(s, UART0_QOM, "sysbus-irq");
    qtest_writel(s, UART0 + CR, CR_ENABLE_ALL);
    qtest_writel(s, UART0 + IMSC, INT_RX | INT_RT);
    g_assert_false(qtest_get_irq(s, 0));
    g_assert_cmpint(write(fd, "Z", 1), ==, 1);
    /* The byte arrives through the emulator's main loop: wait for it (up to 60 s). */
    while (!qtest_get_irq(s, 0)) {
        g_assert_cmpint(++tries, <, 6000);
        g_usleep(10 * 1000);
    }
    g_assert_cmphex(qtest_readl(s, UART0 + FR) & FR_RXFE, ==, 0);
    g_assert_cmphex(qtest_readl(s, UART0 + DR) & 0xff, ==, 'Z');
    g_assert_false(qtest_get_irq(s, 0));
    g_assert_cmphex(qtest_readl(s, UART0 + FR) & FR_RXFE, ==, FR_RXFE);

    /* And the other way: a byte written to DR reaches the socket. */
    qtest_writel(s, UART0 + DR, 'y');
    g_assert_cmpint(read(fd, buf, 1), ==, 1);
    g_assert_cmpint(buf[0], ==, 'y');
    qtest_quit(s);
    close(fd);
    close(lfd);
    unlink(path);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pl011/id", test_id);
    g_test_add_func("/pl011/tx-file", test_tx_file);
    g_test_add_func("/pl011/tx-interrupt", test_tx_interrupt);
    g_test_add_func("/pl011/rx-socket", test_rx_socket);
    return g_test_run();
}
