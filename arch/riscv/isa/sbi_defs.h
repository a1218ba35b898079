/* SBI (Supervisor Binary Interface) numbers: extension ids, function ids, error codes,
 * FWFT features. Shared by testvisor's SBI for guests and the payloads that test it, so
 * tests/unit/riscv/test_rv_sbi_defs.c pins every one to the SBI v3.0 spec. */
#ifndef SBI_DEFS_H
#define SBI_DEFS_H

#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_PUTCHAR   0x01
#define SBI_EXT_LEGACY_GETCHAR   0x02
#define SBI_EXT_LEGACY_SHUTDOWN  0x08
#define SBI_EXT_BASE   0x10
#define SBI_EXT_TIME   0x54494D45
#define SBI_EXT_IPI    0x735049
#define SBI_EXT_RFENCE 0x52464E43
#define SBI_EXT_HSM    0x48534D
#define SBI_EXT_SRST   0x53525354
#define SBI_EXT_PMU    0x504D55
#define SBI_EXT_DBCN   0x4442434E
#define SBI_EXT_SUSP   0x53555350
#define SBI_EXT_CPPC   0x43505043
#define SBI_EXT_NACL   0x4E41434C
#define SBI_EXT_STA    0x535441
#define SBI_EXT_SSE    0x535345
#define SBI_EXT_FWFT   0x46574654
#define SBI_EXT_DBTR   0x44425452
#define SBI_EXT_MPXY   0x4D505859

enum sbi_base_fid {
	SBI_BASE_GET_SPEC_VERSION, SBI_BASE_GET_IMPL_ID, SBI_BASE_GET_IMPL_VERSION,
	SBI_BASE_PROBE_EXT, SBI_BASE_GET_MVENDORID, SBI_BASE_GET_MARCHID, SBI_BASE_GET_MIMPID,
};
enum sbi_hsm_fid { SBI_HSM_HART_START, SBI_HSM_HART_STOP, SBI_HSM_HART_STATUS, SBI_HSM_HART_SUSPEND };
enum sbi_hsm_state {
	SBI_HSM_STARTED, SBI_HSM_STOPPED, SBI_HSM_START_PENDING, SBI_HSM_STOP_PENDING,
	SBI_HSM_SUSPENDED, SBI_HSM_SUSPEND_PENDING, SBI_HSM_RESUME_PENDING,
};
#define SBI_HSM_SUSPEND_RETENTIVE     0x00000000UL
#define SBI_HSM_SUSPEND_NON_RETENTIVE 0x80000000UL
enum sbi_dbcn_fid { SBI_DBCN_WRITE, SBI_DBCN_READ, SBI_DBCN_WRITE_BYTE };
enum sbi_fwft_fid { SBI_FWFT_SET, SBI_FWFT_GET };
enum sbi_dbtr_fid {
	SBI_DBTR_NUM_TRIGGERS, SBI_DBTR_SET_SHMEM, SBI_DBTR_READ_TRIGGERS, SBI_DBTR_INSTALL_TRIGGERS,
	SBI_DBTR_UPDATE_TRIGGERS, SBI_DBTR_UNINSTALL_TRIGGERS, SBI_DBTR_ENABLE_TRIGGERS,
	SBI_DBTR_DISABLE_TRIGGERS,
};
/* DBTR trig_state bits (SBI v3.0 §19, table Debug Trigger State Fields) and the size of one
 * shared-memory entry (four XLEN words: XLEN / 2 bytes). */
#define SBI_DBTR_TS_MAPPED       (1UL << 0)
#define SBI_DBTR_TS_U            (1UL << 1)
#define SBI_DBTR_TS_S            (1UL << 2)
#define SBI_DBTR_TS_VU           (1UL << 3)
#define SBI_DBTR_TS_VS           (1UL << 4)
#define SBI_DBTR_TS_HAVE_HW_TRIG (1UL << 5)
#define SBI_DBTR_ENTRY_SIZE      32
#define SBI_SRST_TYPE_SHUTDOWN   0
#define SBI_SRST_TYPE_COLD_REBOOT 1
#define SBI_SRST_TYPE_WARM_REBOOT 2
#define SBI_SRST_REASON_NONE     0
#define SBI_SRST_REASON_FAILURE  1

#define SBI_SUCCESS                0
#define SBI_ERR_FAILED            -1
#define SBI_ERR_NOT_SUPPORTED     -2
#define SBI_ERR_INVALID_PARAM     -3
#define SBI_ERR_DENIED            -4
#define SBI_ERR_INVALID_ADDRESS   -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED   -7
#define SBI_ERR_ALREADY_STOPPED   -8
#define SBI_ERR_NO_SHMEM          -9
#define SBI_ERR_INVALID_STATE    -10
#define SBI_ERR_BAD_RANGE        -11
#define SBI_ERR_TIMEOUT          -12
#define SBI_ERR_IO               -13
#define SBI_ERR_DENIED_LOCKED    -14

/* SBI v3.0 FWFT features and flags. */
#define SBI_FWFT_MISALIGNED_EXC_DELEG  0
#define SBI_FWFT_LANDING_PAD           1
#define SBI_FWFT_SHADOW_STACK          2
#define SBI_FWFT_DOUBLE_TRAP           3
#define SBI_FWFT_PTE_AD_HW_UPDATING    4
#define SBI_FWFT_POINTER_MASKING_PMLEN 5
#define SBI_FWFT_NR_FEATURES           6
#define SBI_FWFT_GLOBAL_BIT            (1UL << 31)
#define SBI_FWFT_PLATFORM_BIT          (1UL << 30)
#define SBI_FWFT_SET_FLAG_LOCK         (1UL << 0)

/* Implementation ids (SBI spec, "SBI Implementation IDs"). testvisor's own id is outside
 * the registered ones so that a payload can tell which SBI it talks to. */
#define SBI_IMPL_OPENSBI   1
#define SBI_IMPL_TESTVISOR 0x7476
#define SBI_SPEC_VERSION_3_0 ((3UL << 24) | 0)

#endif
