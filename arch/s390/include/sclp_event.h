/* testvisor's console event buffers for an SCLP that takes only line-mode message events
 * (Hercules): the choice by the SCLP's receive mask and the message event itself. */
#ifndef S390_SCLP_EVENT_H
#define S390_SCLP_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when the SCLP's receive mask (Write Event Mask answer) has message events but
 * not VT220 ones: testvisor then writes message events. */
bool sclp_console_uses_messages(uint32_t sclp_receive_mask);

/* Writes a message event (event header, MDB header, one message text object) holding
 * `s` (trailing newlines dropped) in EBCDIC code page 037 at `buf`; returns its length.
 * `buf` needs 28 + n bytes. */
size_t sclp_message_event(uint8_t *buf, const char *s, size_t n);

#endif
