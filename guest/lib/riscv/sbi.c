/* SBI calls: the calling convention (a7 = extension, a6 = function, a0-a5 arguments,
 * a0/a1 = error/value) and a few BASE queries the payloads share. */
#include "sbi.h"

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4, unsigned long a5)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r4 __asm__("a4") = a4;
	register unsigned long r5 __asm__("a5") = a5;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;
	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1)
			 : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			 : "memory");
	return (struct sbiret){ (long)r0, (long)r1 };
}

long sbi_probe(unsigned long ext)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, ext, 0, 0, 0, 0, 0);
	return r.error ? 0 : r.value;
}

long sbi_impl_id(void)
{
	return sbi_ecall(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID, 0, 0, 0, 0, 0, 0).value;
}

long sbi_spec_version(void)
{
	return sbi_ecall(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0, 0).value;
}

bool sbi_is_opensbi(void) { return sbi_impl_id() == SBI_IMPL_OPENSBI; }

static const char *const err_names[] = {
	"SBI_SUCCESS", "SBI_ERR_FAILED", "SBI_ERR_NOT_SUPPORTED", "SBI_ERR_INVALID_PARAM",
	"SBI_ERR_DENIED", "SBI_ERR_INVALID_ADDRESS", "SBI_ERR_ALREADY_AVAILABLE",
	"SBI_ERR_ALREADY_STARTED", "SBI_ERR_ALREADY_STOPPED", "SBI_ERR_NO_SHMEM",
	"SBI_ERR_INVALID_STATE", "SBI_ERR_BAD_RANGE", "SBI_ERR_TIMEOUT", "SBI_ERR_IO",
	"SBI_ERR_DENIED_LOCKED",
};

const char *sbi_err_name(long err)
{
	if (err <= 0 && -err < (long)(sizeof(err_names) / sizeof(err_names[0])))
		return err_names[-err];
	return "unknown SBI error";
}
