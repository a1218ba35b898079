/* z/Architecture facts shared by testvisor, the payload library and the host unit tests:
 * PSW bits, lowcore offsets, interruption codes, control-register bits. Values follow the
 * Principles of Operation (SA22-7832); bit n of a 64-bit register is 1 << (63 - n). */
#ifndef S390_ARCH_H
#define S390_ARCH_H

#define S390_BIT64(n) (1ULL << (63 - (n)))

/* PSW mask bits */
#define PSW_MASK_PER   S390_BIT64(1)
#define PSW_MASK_DAT   S390_BIT64(5)
#define PSW_MASK_IO    S390_BIT64(6)
#define PSW_MASK_EXT   S390_BIT64(7)
#define PSW_MASK_KEY   0x00f0000000000000ULL
#define PSW_MASK_BIT12 S390_BIT64(12)
#define PSW_MASK_MCHK  S390_BIT64(13)
#define PSW_MASK_WAIT  S390_BIT64(14)
#define PSW_MASK_PSTATE S390_BIT64(15)
#define PSW_MASK_ASC   0x0000c00000000000ULL
#define PSW_MASK_CC    0x0000300000000000ULL
#define PSW_MASK_PM    0x00000f0000000000ULL
#define PSW_MASK_EA    S390_BIT64(31)
#define PSW_MASK_BA    S390_BIT64(32)
#define PSW_MASK_64    (PSW_MASK_EA | PSW_MASK_BA)
#define PSW_CC_SHIFT   44
/* Bits that must be zero in a valid 64-bit PSW mask (besides EA/BA combination rules). */
#define PSW_MASK_UNASSIGNED 0xb80800fe7fffffffULL

/* Disabled-wait address that QEMU (-action panic=exit-failure) treats as success. */
#define WAIT_ADDR_SUCCESS 0xfffULL

/* Lowcore (prefix area) offsets */
#define LC_EXT_PARAMS      0x080
#define LC_EXT_CPU_ADDR    0x084
#define LC_EXT_INT_CODE    0x086
#define LC_SVC_ILC         0x088
#define LC_SVC_CODE        0x08a
#define LC_PGM_ILC         0x08c
#define LC_PGM_CODE        0x08e
#define LC_DATA_EXC_CODE   0x090
#define LC_MON_CLASS       0x094
#define LC_PER_CODE        0x096
#define LC_PER_ATMID       0x097
#define LC_PER_ADDRESS     0x098
#define LC_EXC_ACCESS_ID   0x0a0
#define LC_PER_ACCESS_ID   0x0a1
#define LC_OP_ACCESS_ID    0x0a2
#define LC_TRANS_EXC_CODE  0x0a8
#define LC_MONITOR_CODE    0x0b0
#define LC_SUBCHANNEL_ID   0x0b8
#define LC_SUBCHANNEL_NR   0x0ba
#define LC_IO_INT_PARM     0x0bc
#define LC_IO_INT_WORD     0x0c0
#define LC_STFL_FAC_LIST   0x0c8
#define LC_MCCK_CODE       0x0e8
#define LC_EXT_DAMAGE_CODE 0x0f4
#define LC_RESTART_OLD_PSW 0x120
#define LC_EXT_OLD_PSW     0x130
#define LC_SVC_OLD_PSW     0x140
#define LC_PGM_OLD_PSW     0x150
#define LC_MCCK_OLD_PSW    0x160
#define LC_IO_OLD_PSW      0x170
#define LC_RESTART_NEW_PSW 0x1a0
#define LC_EXT_NEW_PSW     0x1b0
#define LC_SVC_NEW_PSW     0x1c0
#define LC_PGM_NEW_PSW     0x1d0
#define LC_MCCK_NEW_PSW    0x1e0
#define LC_IO_NEW_PSW      0x1f0
#define LC_GPR_SAVE_AREA   0x1280  /* machine-check register save areas */
#define LC_CR_SAVE_AREA    0x1380
#define LC_SIZE            0x2000

/* Program interruption codes */
#define PGM_OPERATION       0x0001
#define PGM_PRIVILEGED_OP   0x0002
#define PGM_EXECUTE         0x0003
#define PGM_PROTECTION      0x0004
#define PGM_ADDRESSING      0x0005
#define PGM_SPECIFICATION   0x0006
#define PGM_DATA            0x0007
#define PGM_FIXPOINT_OVERFLOW 0x0008
#define PGM_FIXPOINT_DIVIDE 0x0009
#define PGM_OPERAND         0x0015
#define PGM_SEGMENT_TRANSLATION 0x0010
#define PGM_PAGE_TRANSLATION 0x0011
#define PGM_TRANSLATION_SPEC 0x0012
#define PGM_VECTOR_PROCESSING 0x001b
#define PGM_SPACE_SWITCH    0x001c
#define PGM_AFX_TRANSLATION 0x0020  /* 0x20-0x2f: ASN and access-register translation */
#define PGM_ASX_TRANSLATION 0x0021
#define PGM_LX_TRANSLATION  0x0022
#define PGM_EX_TRANSLATION  0x0023
#define PGM_PRIMARY_AUTHORITY 0x0024
#define PGM_SECONDARY_AUTHORITY 0x0025
#define PGM_LFX_TRANSLATION 0x0026
#define PGM_LSX_TRANSLATION 0x0027
#define PGM_ALEN_TRANSLATION 0x0029
#define PGM_ALE_SEQUENCE    0x002a
#define PGM_ASTE_VALIDITY   0x002b
#define PGM_ASTE_SEQUENCE   0x002c
#define PGM_EXTENDED_AUTHORITY 0x002d
#define PGM_LSTE_SEQUENCE   0x002e
#define PGM_ASTE_INSTANCE   0x002f
#define PGM_MONITOR         0x0040
#define PGM_PER             0x0080  /* a PER event came with the interruption */
#define PGM_ASCE_TYPE       0x0038
#define PGM_REGION_FIRST    0x0039
#define PGM_REGION_SECOND   0x003a
#define PGM_REGION_THIRD    0x003b
#define PGM_CODE_MASK       0x007f  /* without the PER (0x80) and transaction bits */

/* External interruption codes */
#define EXT_EMERGENCY_SIGNAL 0x1201
#define EXT_EXTERNAL_CALL    0x1202
#define EXT_CLOCK_COMP       0x1004
#define EXT_CPU_TIMER        0x1005
#define EXT_SERVICE_SIGNAL   0x2401

/* Control register 0: external subclass masks and controls */
#define CR0_AFP             S390_BIT64(45)
#define CR0_VX              S390_BIT64(46)
#define CR0_EMERGENCY_SIGNAL S390_BIT64(49)
#define CR0_EXTERNAL_CALL   S390_BIT64(50)
#define CR0_CLOCK_COMP      S390_BIT64(52)
#define CR0_CPU_TIMER       S390_BIT64(53)
#define CR0_SERVICE_SIGNAL  S390_BIT64(54)
/* Control register 6: I/O interruption subclass mask, ISC 0..7 in bits 32..39 */
#define CR6_ISC_MASK(isc)   S390_BIT64(32 + (isc))
/* Control register 14: machine-check subclass masks */
#define CR14_CHANNEL_REPORT S390_BIT64(35)

/* Machine-check interruption code bits */
#define MCIC_CHANNEL_REPORT S390_BIT64(9)
#define MCIC_VALID_PSW_WP   S390_BIT64(20)
#define MCIC_VALID_PSW_MS   S390_BIT64(21)
#define MCIC_VALID_PSW_PM   S390_BIT64(22)
#define MCIC_VALID_PSW_IA   S390_BIT64(23)
#define MCIC_VALID_GPRS     S390_BIT64(28)
#define MCIC_VALID_CRS      S390_BIT64(29)

/* TOD clock: bit 51 ticks once per microsecond. */
#define TOD_TICKS_PER_US 4096ULL

/* SIGP orders and condition codes */
#define SIGP_SENSE               0x01
#define SIGP_EXTERNAL_CALL       0x02
#define SIGP_EMERGENCY_SIGNAL    0x03
#define SIGP_START               0x04
#define SIGP_STOP                0x05
#define SIGP_RESTART             0x06
#define SIGP_INITIAL_CPU_RESET   0x0b
#define SIGP_CPU_RESET           0x0c
#define SIGP_SET_PREFIX          0x0d
#define SIGP_STORE_STATUS_AT_ADDRESS 0x0e
#define SIGP_SET_ARCHITECTURE    0x12
#define SIGP_SENSE_RUNNING       0x15
#define SIGP_STATUS_INVALID_ORDER 0x00000002u
#define SIGP_STATUS_INVALID_PARAMETER 0x00000100u
#define SIGP_STATUS_INCORRECT_STATE 0x00000200u
#define SIGP_STATUS_STOPPED      0x00000040u
#define SIGP_STATUS_NOT_RUNNING  0x00000400u

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <stdnoreturn.h>

struct psw {
	uint64_t mask;
	uint64_t addr;
} __attribute__((aligned(8)));

/* Loads a disabled-wait PSW at `addr`: how a run ends on s390 (0xfff = success). */
static inline noreturn void disabled_wait(uint64_t addr)
{
	static struct psw wait_psw;
	wait_psw.mask = PSW_MASK_WAIT | PSW_MASK_64;
	wait_psw.addr = addr;
	asm volatile("lpswe %0" : : "Q"(wait_psw) : "memory");
	__builtin_unreachable();
}

/* The prefix area at real address 0 (the symbol is placed there by the linker script). */
extern volatile uint8_t lowcore[LC_SIZE];
#define LC16(off) (*(volatile uint16_t *)&lowcore[off])
#define LC32(off) (*(volatile uint32_t *)&lowcore[off])
#define LC64(off) (*(volatile uint64_t *)&lowcore[off])
#endif

#endif
