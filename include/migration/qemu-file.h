/*
 * QEMUFile: the buffered byte channel a migration stream travels on.
 *
 * Two back ends: a file descriptor (regular file, socket or pipe; blocking
 * I/O) and memory (a GByteArray when writing, a caller's buffer when
 * reading). All multi-byte helpers are big-endian, as the stream format is.
 *
 * Errors are sticky: the first failure (I/O error, or input that ends
 * early) is recorded, and from then on every put is dropped, every get
 * returns zeros and qemu_file_get_error() keeps returning it. Callers may
 * therefore read a whole record and check once; they never see garbage.
 */
#ifndef MIGRATION_QEMU_FILE_H
#define MIGRATION_QEMU_FILE_H

#include "qemu/osdep.h"

typedef struct QEMUFile QEMUFile;

/* The error recorded when input ended before the bytes asked for. */
#define QEMU_FILE_ETRUNC (-ENODATA)

/*
 * A channel on FD, for reading or for writing. qemu_fclose() closes FD
 * when OWN_FD is true.
 */
QEMUFile *qemu_file_new_input_fd(int fd, bool own_fd);
QEMUFile *qemu_file_new_output_fd(int fd, bool own_fd);
/* An output channel collecting bytes in memory (see qemu_file_mem_data). */
QEMUFile *qemu_file_new_output_mem(void);
/* An input channel over DATA[0..LEN) (not copied: must outlive the file). */
QEMUFile *qemu_file_new_input_mem(const uint8_t *data, size_t len);
/*
 * Channels on the vmstate area of a qcow2 image (bdrv_save_vmstate /
 * bdrv_load_vmstate), starting at offset 0 and moving forward. BS is
 * borrowed and must outlive the file. Input reads ahead in whole chunks.
 */
struct BlockDriverState;
QEMUFile *qemu_file_new_output_vmstate(struct BlockDriverState *bs);
QEMUFile *qemu_file_new_input_vmstate(struct BlockDriverState *bs);
/* Output written so far to a memory channel (flushes; owned by the file). */
GByteArray *qemu_file_mem_data(QEMUFile *f);

/* Flushes, closes, frees. Returns the sticky error (0 or -errno). */
int qemu_fclose(QEMUFile *f);
/* Writes buffered output out (no-op for input channels). */
void qemu_fflush(QEMUFile *f);

int qemu_file_get_error(QEMUFile *f);
/* Records ERR (-errno) unless an error is already recorded. */
void qemu_file_set_error(QEMUFile *f, int err);
/* True when the sticky error is "input ended early". */
bool qemu_file_is_truncated(QEMUFile *f);
/* Bytes put (output) or consumed (input) so far. */
uint64_t qemu_file_transferred(QEMUFile *f);
bool qemu_file_is_writable(QEMUFile *f);

void qemu_put_byte(QEMUFile *f, uint8_t v);
void qemu_put_be16(QEMUFile *f, uint16_t v);
void qemu_put_be32(QEMUFile *f, uint32_t v);
void qemu_put_be64(QEMUFile *f, uint64_t v);
void qemu_put_buffer(QEMUFile *f, const uint8_t *buf, size_t size);

/* Reads; on error or end of input they return 0 and set the error. */
uint8_t qemu_get_byte(QEMUFile *f);
uint16_t qemu_get_be16(QEMUFile *f);
uint32_t qemu_get_be32(QEMUFile *f);
uint64_t qemu_get_be64(QEMUFile *f);
/*
 * Reads SIZE bytes into BUF. Returns the number read: SIZE, or less when
 * the input ended or failed (the error is set and the rest of BUF zeroed).
 */
size_t qemu_get_buffer(QEMUFile *f, uint8_t *buf, size_t size);
/* Consumes SIZE bytes; returns how many were there. */
size_t qemu_file_skip(QEMUFile *f, size_t size);

/*
 * Lookahead without consuming. qemu_peek_byte returns the byte at OFFSET
 * from the read position, or -1 when the input has fewer bytes (no error is
 * recorded: the end of input is a valid place to stop). qemu_peek_buffer
 * points *BUF at up to SIZE bytes at OFFSET and returns how many are
 * available; SIZE + OFFSET must not exceed QEMU_FILE_PEEK_MAX.
 */
#define QEMU_FILE_PEEK_MAX 1024
int qemu_peek_byte(QEMUFile *f, size_t offset);
size_t qemu_peek_buffer(QEMUFile *f, const uint8_t **buf, size_t size,
                        size_t offset);

#endif
