/* The constants testvisor and the payloads share (arch/s390/isa/: css_defs.h,
 * sclp_defs.h, s390_arch.h) pinned to the numbers of their sources, written out here
 * independently: a wrong shared constant would otherwise pass on both sides. Sources:
 * z/Architecture Principles of Operation (SA22-7832, "PoP" below) with chapter and
 * section; for SCLP, which the PoP leaves to the machine, QEMU's
 * include/hw/s390x/sclp.h and Linux's drivers/s390/char/sclp.h; for the machine-check
 * validity bits also QEMU's target/s390x/cpu.h (MCIC_VB_*). Bits are numbered from the
 * left, 0 = most significant, as the PoP numbers them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <s390_arch.h>
#include <css_defs.h>
#include <sclp_defs.h>

#define BIT16(n) ((uint16_t)(0x8000u >> (n)))
#define BIT32(n) (0x80000000u >> (n))
#define BIT64(n) (1ULL << (63 - (n)))

/* PoP ch. 15 "Subchannel-Information Block" and "Path-Management-Control Word". */
static void schib_and_pmcw_layout(void **state)
{
	assert_int_equal(sizeof(struct pmcw), 28);
	assert_int_equal(sizeof(struct schib), 52);  /* PMCW 28, SCSW 12, model-dependent 12 */
	assert_int_equal(offsetof(struct pmcw, intparm), 0);
	assert_int_equal(offsetof(struct pmcw, flags), 4);
	assert_int_equal(offsetof(struct pmcw, devno), 6);
	assert_int_equal(offsetof(struct pmcw, lpm), 8);
	assert_int_equal(offsetof(struct pmcw, pnom), 9);
	assert_int_equal(offsetof(struct pmcw, lpum), 10);
	assert_int_equal(offsetof(struct pmcw, pim), 11);
	assert_int_equal(offsetof(struct pmcw, mbi), 12);
	assert_int_equal(offsetof(struct pmcw, pom), 14);
	assert_int_equal(offsetof(struct pmcw, pam), 15);
	assert_int_equal(offsetof(struct pmcw, chpid), 16);
	assert_int_equal(offsetof(struct schib, scsw), 28);
	/* Word 1: Q bit 0, W bit 1, ISC bits 2-4, E bit 8, LM 9-10, MM 11-12, D 13, T 14,
	 * V 15 (device number valid). */
	assert_int_equal(PMCW_FLAGS_QF, BIT16(0));
	assert_int_equal(PMCW_FLAGS_W, BIT16(1));
	assert_int_equal(PMCW_FLAGS_ISC, BIT16(2) | BIT16(3) | BIT16(4));
	assert_int_equal(PMCW_ISC_SHIFT, 15 - 4);
	assert_int_equal(PMCW_FLAGS_ENA, BIT16(8));
	assert_int_equal(PMCW_FLAGS_LM, BIT16(9) | BIT16(10));
	assert_int_equal(PMCW_FLAGS_MME, BIT16(11) | BIT16(12));
	assert_int_equal(PMCW_FLAGS_MP, BIT16(13));
	assert_int_equal(PMCW_FLAGS_TF, BIT16(14));
	assert_int_equal(PMCW_FLAGS_DNV, BIT16(15));
}

/* PoP ch. 16 "Subchannel-Status Word" and "Interruption-Response Block". */
static void scsw_and_irb_layout(void **state)
{
	assert_int_equal(sizeof(struct scsw), 12);
	assert_int_equal(sizeof(struct irb), 96);   /* SCSW 12, ESW 20, ECW 32, EMW 32 */
	assert_int_equal(offsetof(struct scsw, cpa), 4);
	assert_int_equal(offsetof(struct scsw, dstat), 8);
	assert_int_equal(offsetof(struct scsw, cstat), 9);
	assert_int_equal(offsetof(struct scsw, count), 10);
	assert_int_equal(offsetof(struct irb, ecw), 32);
	/* Word 0: key bits 0-3, deferred cc bits 6-7, format (F) bit 8; function control
	 * bits 17-19 (start, halt, clear), activity control 20-26, status control 27-31
	 * (alert, intermediate, primary, secondary, status pending). */
	assert_int_equal(SCSW_FLAGS_KEY, 0xf000);
	assert_int_equal(SCSW_FLAGS_CC, BIT16(6) | BIT16(7));
	assert_int_equal(SCSW_CC_SHIFT, 8);
	assert_int_equal(SCSW_FLAGS_FMT, BIT16(8));
	assert_int_equal(SCSW_CTRL_FCTL_START, BIT16(17 - 16));
	assert_int_equal(SCSW_CTRL_FCTL_HALT, BIT16(18 - 16));
	assert_int_equal(SCSW_CTRL_FCTL_CLEAR, BIT16(19 - 16));
	assert_int_equal(SCSW_CTRL_ACTL, 0x0fe0);
	assert_int_equal(SCSW_CTRL_STCTL_ALERT, BIT16(27 - 16));
	assert_int_equal(SCSW_CTRL_STCTL_INTERM, BIT16(28 - 16));
	assert_int_equal(SCSW_CTRL_STCTL_PRIMARY, BIT16(29 - 16));
	assert_int_equal(SCSW_CTRL_STCTL_SECONDARY, BIT16(30 - 16));
	assert_int_equal(SCSW_CTRL_STCTL_PENDING, BIT16(31 - 16));
	/* Device status (ch. 16 "Device Status"): attention 0, channel end 4, device end 5,
	 * unit check 6. Subchannel status: incorrect length 1, program check 2,
	 * protection check 3. */
	assert_int_equal(DSTAT_ATTENTION, 0x80);
	assert_int_equal(DSTAT_CHANNEL_END, 0x08);
	assert_int_equal(DSTAT_DEVICE_END, 0x04);
	assert_int_equal(DSTAT_UNIT_CHECK, 0x02);
	assert_int_equal(CSTAT_INCORRECT_LENGTH, 0x40);
	assert_int_equal(CSTAT_PROGRAM_CHECK, 0x20);
	assert_int_equal(CSTAT_PROTECTION_CHECK, 0x10);
}

/* PoP ch. 15 "Operation-Request Block" and "Channel-Command Word" (format 1). */
static void orb_and_ccw(void **state)
{
	assert_int_equal(sizeof(struct orb), 32);
	assert_int_equal(offsetof(struct orb, ctrl0), 4);
	assert_int_equal(offsetof(struct orb, lpm), 6);
	assert_int_equal(offsetof(struct orb, cpa), 8);
	/* Word 1: key 0-3, suspend S 4, format F 8, prefetch P 9, initial-status I 10,
	 * address-limit A 11, suppress-suspended U 12; LPM bits 16-23. */
	assert_int_equal(ORB_CTRL0_KEY, 0xf000);
	assert_int_equal(ORB_CTRL0_SPND, BIT16(4));
	assert_int_equal(ORB_CTRL0_FMT, BIT16(8));
	assert_int_equal(ORB_CTRL0_PFCH, BIT16(9));
	assert_int_equal(ORB_CTRL0_ISIC, BIT16(10));
	assert_int_equal(ORB_CTRL0_ALCC, BIT16(11));
	assert_int_equal(ORB_CTRL0_SSIC, BIT16(12));
	assert_int_equal(sizeof(struct ccw1), 8);
	/* CCW flags (bits 8-15 of a format-1 CCW): CD, CC, SLI, SKP, PCI, IDA, S. */
	assert_int_equal(CCW_FLAG_CD, 0x80);
	assert_int_equal(CCW_FLAG_CC, 0x40);
	assert_int_equal(CCW_FLAG_SLI, 0x20);
	assert_int_equal(CCW_FLAG_SKIP, 0x10);
	assert_int_equal(CCW_FLAG_PCI, 0x08);
	assert_int_equal(CCW_FLAG_IDA, 0x04);
	assert_int_equal(CCW_FLAG_SUSPEND, 0x02);
	/* Commands (ch. 15 "Command Code"): no-operation 03, basic sense 04; sense ID E4
	 * (Common I/O-Device Commands, SA22-7204). */
	assert_int_equal(CCW_CMD_NOOP, 0x03);
	assert_int_equal(CCW_CMD_SENSE, 0x04);
	assert_int_equal(CCW_CMD_SENSE_ID, 0xe4);
	/* Subsystem-identification word (ch. 15): bit 15 one, SSID bits 13-14. I/O
	 * interruption word (ch. 16 "I/O Interruption"): ISC in bits 2-4. */
	assert_int_equal(SID_ONE, BIT32(15));
	assert_int_equal(SID_SSID_MASK, BIT32(13) | BIT32(14));
	assert_int_equal(IO_INT_WORD_ISC_SHIFT, 31 - 4);
}

/* PoP ch. 17 "Channel-Report Word": S bit 1, R bit 2, C bit 3, RSC bits 4-7, A bit 8,
 * ERC bits 10-15, RSID bits 16-31; "Reporting-Source Codes" (0011 subchannel, 0100
 * channel path) and "Error-Recovery Codes" (0 event information pending, 1 available,
 * 2 initialized, 4 installed parameters initialized, 6 permanent error with facility
 * not initialized). */
static void channel_report_word(void **state)
{
	assert_int_equal(CRW_SOLICITED, BIT32(1));
	assert_int_equal(CRW_OVERFLOW, BIT32(2));
	assert_int_equal(CRW_CHAINED, BIT32(3));
	assert_int_equal(CRW_RSC_MASK, BIT32(4) | BIT32(5) | BIT32(6) | BIT32(7));
	assert_int_equal(CRW_RSC_SHIFT, 31 - 7);
	assert_int_equal(CRW_ANCILLARY, BIT32(8));
	assert_int_equal(CRW_ERC_MASK, 0x003f0000u);
	assert_int_equal(CRW_ERC_SHIFT, 31 - 15);
	assert_int_equal(CRW_RSID_MASK, 0xffffu);
	assert_int_equal(CRW_RSC_SUBCHANNEL, 3);
	assert_int_equal(CRW_RSC_CHANNEL_PATH, 4);
	assert_int_equal(CRW_ERC_EVENT, 0);
	assert_int_equal(CRW_ERC_AVAILABLE, 1);
	assert_int_equal(CRW_ERC_INIT, 2);
	assert_int_equal(CRW_ERC_IPARM, 4);
	assert_int_equal(CRW_ERC_PERRN, 6);
	assert_int_equal(CRW_MAKE(4, 6, 0x12), 0x04060012u);
}

/* CHSC command and response codes: QEMU target/s390x/ioinst.c (CHSC_SCPD 0x0002,
 * CHSC_SCSC 0x0010; responses 0x0001 OK, 0x0003 invalid request, 0x0004 not provided
 * by the model) and Linux drivers/s390/cio/chsc.c (store subchannel description 0x0004). */
static void chsc_codes(void **state)
{
	assert_int_equal(CHSC_CMD_STORE_CHP_DESC, 0x0002);
	assert_int_equal(CHSC_CMD_STORE_SUBCHANNEL_DESC, 0x0004);
	assert_int_equal(CHSC_CMD_STORE_CSS_CHARS, 0x0010);
	assert_int_equal(CHSC_RESP_OK, 0x0001);
	assert_int_equal(CHSC_RESP_INVALID_REQ, 0x0003);
	assert_int_equal(CHSC_RESP_NOT_SUPPORTED, 0x0004);
}

/* SCLP command words and response codes (QEMU include/hw/s390x/sclp.h: SCLP_CMDW_*,
 * SCLP_RC_*; Linux drivers/s390/char/sclp.h: SCLP_CMDW_READ_SCP_INFO...). */
static void sclp_codes(void **state)
{
	assert_int_equal(SCLP_CMD_READ_SCP_INFO, 0x00020001u);
	assert_int_equal(SCLP_CMD_READ_SCP_INFO_FORCED, 0x00120001u);
	assert_int_equal(SCLP_CMD_WRITE_EVENT_DATA, 0x00760005u);
	assert_int_equal(SCLP_CMD_READ_EVENT_DATA, 0x00770005u);
	assert_int_equal(SCLP_CMD_WRITE_EVENT_MASK, 0x00780005u);
	assert_int_equal(SCLP_RC_NORMAL_READ_COMPLETION, 0x0010);
	assert_int_equal(SCLP_RC_NORMAL_COMPLETION, 0x0020);
	assert_int_equal(SCLP_RC_INVALID_SCCB_BOUNDARY, 0x0100);
	assert_int_equal(SCLP_RC_INSUFFICIENT_SCCB_LENGTH, 0x0300);
	assert_int_equal(SCLP_RC_INVALID_COMMAND, 0x01f0);
	assert_int_equal(SCLP_RC_INVALID_FUNCTION, 0x40f0);
	assert_int_equal(SCLP_RC_NO_EVENT_BUFFERS, 0x60f0);
	assert_int_equal(SCLP_RC_EVENT_BUFFER_SYNTAX, 0x62f0);
	assert_int_equal(SCLP_RC_INCONSISTENT_LENGTHS, 0x74f0);
	assert_int_equal(SCLP_EVENT_ASCII_CONSOLE, 0x1a);
	assert_int_equal(SCLP_EVENT_MESSAGE, 0x02);
	assert_int_equal(sizeof(struct sccb_header), 8);
	assert_int_equal(offsetof(struct read_scp_info, rnsize2), 100);
	assert_int_equal(offsetof(struct read_scp_info, rnmax2), 104);
	assert_int_equal(offsetof(struct read_scp_info, highest_cpu), 120);
	/* Linux drivers/s390/char/sclp.h: EVTYP_MSG_MASK 0x40000000, EVTYP_VT220MSG_MASK
	 * 0x00000040; sclp_rw.h: struct mdb_header, struct mto, LNTPFLGS_ENDTEXT 0x1000,
	 * MDB tag 0xd4c4c240 ("MDB " in EBCDIC); init_sccb: struct init_sccb mask layout. */
	assert_int_equal(SCLP_EVENT_MASK(SCLP_EVENT_MESSAGE), 0x40000000u);
	assert_int_equal(SCLP_EVENT_MASK(SCLP_EVENT_ASCII_CONSOLE), 0x00000040u);
	assert_int_equal(offsetof(struct sclp_event_mask4, mask_length), 10);
	assert_int_equal(offsetof(struct sclp_event_mask4, cp_receive_mask), 12);
	assert_int_equal(offsetof(struct sclp_event_mask4, sclp_receive_mask), 20);
	assert_int_equal(sizeof(struct sclp_mdb_header), 12);
	assert_int_equal(sizeof(struct sclp_mto), 10);
	assert_int_equal(SCLP_MDB_TAG, 0xd4c4c240u);
	assert_int_equal(SCLP_MTO_TYPE, 4);
	assert_int_equal(SCLP_MTO_END_TEXT, 0x1000);
	assert_int_equal(SCLP_EXT_SERVICE_SIGNAL, 0x2401);
	/* struct sclp_core_entry: core_id, reserved0, then `u8 : 4; u8 sief2 : 1; u8 : 3`. */
	assert_int_equal(SCLP_CPU_ENTRY_FEATURES, 2);
	assert_int_equal(SCLP_CPU_FEAT_SIEF2, 0x08);
}

/* PoP ch. 4 "Program-Status Word" (z/Architecture PSW format) and ch. 3 "Assigned
 * Storage Locations" (lowcore). */
static void psw_and_lowcore(void **state)
{
	assert_int_equal(PSW_MASK_PER, BIT64(1));
	assert_int_equal(PSW_MASK_DAT, BIT64(5));
	assert_int_equal(PSW_MASK_IO, BIT64(6));
	assert_int_equal(PSW_MASK_EXT, BIT64(7));
	assert_int_equal(PSW_MASK_KEY, BIT64(8) | BIT64(9) | BIT64(10) | BIT64(11));
	assert_int_equal(PSW_MASK_MCHK, BIT64(13));
	assert_int_equal(PSW_MASK_WAIT, BIT64(14));
	assert_int_equal(PSW_MASK_PSTATE, BIT64(15));
	assert_int_equal(PSW_MASK_ASC, BIT64(16) | BIT64(17));
	assert_int_equal(PSW_MASK_CC, BIT64(18) | BIT64(19));
	assert_int_equal(PSW_MASK_PM, BIT64(20) | BIT64(21) | BIT64(22) | BIT64(23));
	assert_int_equal(PSW_MASK_EA, BIT64(31));
	assert_int_equal(PSW_MASK_BA, BIT64(32));
	assert_int_equal(LC_EXT_PARAMS, 0x080);
	assert_int_equal(LC_EXT_CPU_ADDR, 0x084);
	assert_int_equal(LC_EXT_INT_CODE, 0x086);
	assert_int_equal(LC_SVC_ILC, 0x088);
	assert_int_equal(LC_SVC_CODE, 0x08a);
	assert_int_equal(LC_PGM_ILC, 0x08c);
	assert_int_equal(LC_PGM_CODE, 0x08e);
	assert_int_equal(LC_DATA_EXC_CODE, 0x090);
	assert_int_equal(LC_MON_CLASS, 0x094);
	assert_int_equal(LC_PER_CODE, 0x096);
	assert_int_equal(LC_PER_ATMID, 0x097);
	assert_int_equal(LC_PER_ADDRESS, 0x098);
	assert_int_equal(LC_EXC_ACCESS_ID, 0x0a0);
	assert_int_equal(LC_PER_ACCESS_ID, 0x0a1);
	assert_int_equal(LC_OP_ACCESS_ID, 0x0a2);
	assert_int_equal(LC_MONITOR_CODE, 0x0b0);
	assert_int_equal(LC_TRANS_EXC_CODE, 0x0a8);
	assert_int_equal(LC_SUBCHANNEL_ID, 0x0b8);
	assert_int_equal(LC_IO_INT_PARM, 0x0bc);
	assert_int_equal(LC_IO_INT_WORD, 0x0c0);
	assert_int_equal(LC_STFL_FAC_LIST, 0x0c8);
	assert_int_equal(LC_MCCK_CODE, 0x0e8);
	assert_int_equal(LC_RESTART_OLD_PSW, 0x120);
	assert_int_equal(LC_EXT_OLD_PSW, 0x130);
	assert_int_equal(LC_SVC_OLD_PSW, 0x140);
	assert_int_equal(LC_PGM_OLD_PSW, 0x150);
	assert_int_equal(LC_MCCK_OLD_PSW, 0x160);
	assert_int_equal(LC_IO_OLD_PSW, 0x170);
	assert_int_equal(LC_RESTART_NEW_PSW, 0x1a0);
	assert_int_equal(LC_EXT_NEW_PSW, 0x1b0);
	assert_int_equal(LC_SVC_NEW_PSW, 0x1c0);
	assert_int_equal(LC_PGM_NEW_PSW, 0x1d0);
	assert_int_equal(LC_MCCK_NEW_PSW, 0x1e0);
	assert_int_equal(LC_IO_NEW_PSW, 0x1f0);
	assert_int_equal(LC_GPR_SAVE_AREA, 0x1280);
	assert_int_equal(LC_CR_SAVE_AREA, 0x1380);
}

/* PoP ch. 6 "Program-Interruption Conditions" (codes), ch. 6 "External Interruption"
 * (codes), ch. 4 "Control Registers" (assignment table), ch. 11 "Machine-Check
 * Interruption Code" (with QEMU's MCIC_VB_GR = 0x0000000800000000, MCIC_VB_CR =
 * 0x0000000400000000). */
static void interruption_codes_and_controls(void **state)
{
	assert_int_equal(PGM_OPERATION, 0x01);
	assert_int_equal(PGM_PRIVILEGED_OP, 0x02);
	assert_int_equal(PGM_EXECUTE, 0x03);
	assert_int_equal(PGM_PROTECTION, 0x04);
	assert_int_equal(PGM_ADDRESSING, 0x05);
	assert_int_equal(PGM_SPECIFICATION, 0x06);
	assert_int_equal(PGM_DATA, 0x07);
	assert_int_equal(PGM_FIXPOINT_OVERFLOW, 0x08);
	assert_int_equal(PGM_FIXPOINT_DIVIDE, 0x09);
	assert_int_equal(PGM_SEGMENT_TRANSLATION, 0x10);
	assert_int_equal(PGM_PAGE_TRANSLATION, 0x11);
	assert_int_equal(PGM_TRANSLATION_SPEC, 0x12);
	assert_int_equal(PGM_OPERAND, 0x15);
	assert_int_equal(PGM_VECTOR_PROCESSING, 0x1b);
	assert_int_equal(PGM_SPACE_SWITCH, 0x1c);
	assert_int_equal(PGM_AFX_TRANSLATION, 0x20);
	assert_int_equal(PGM_ASX_TRANSLATION, 0x21);
	assert_int_equal(PGM_LX_TRANSLATION, 0x22);
	assert_int_equal(PGM_EX_TRANSLATION, 0x23);
	assert_int_equal(PGM_PRIMARY_AUTHORITY, 0x24);
	assert_int_equal(PGM_SECONDARY_AUTHORITY, 0x25);
	assert_int_equal(PGM_LFX_TRANSLATION, 0x26);
	assert_int_equal(PGM_LSX_TRANSLATION, 0x27);
	assert_int_equal(PGM_ALEN_TRANSLATION, 0x29);
	assert_int_equal(PGM_ALE_SEQUENCE, 0x2a);
	assert_int_equal(PGM_ASTE_VALIDITY, 0x2b);
	assert_int_equal(PGM_ASTE_SEQUENCE, 0x2c);
	assert_int_equal(PGM_EXTENDED_AUTHORITY, 0x2d);
	assert_int_equal(PGM_LSTE_SEQUENCE, 0x2e);
	assert_int_equal(PGM_ASTE_INSTANCE, 0x2f);
	assert_int_equal(PGM_MONITOR, 0x40);
	assert_int_equal(PGM_PER, 0x80);
	assert_int_equal(PGM_ASCE_TYPE, 0x38);
	assert_int_equal(PGM_REGION_FIRST, 0x39);
	assert_int_equal(PGM_REGION_SECOND, 0x3a);
	assert_int_equal(PGM_REGION_THIRD, 0x3b);
	assert_int_equal(EXT_CLOCK_COMP, 0x1004);
	assert_int_equal(EXT_CPU_TIMER, 0x1005);
	assert_int_equal(EXT_EMERGENCY_SIGNAL, 0x1201);
	assert_int_equal(EXT_EXTERNAL_CALL, 0x1202);
	assert_int_equal(EXT_SERVICE_SIGNAL, 0x2401);
	assert_int_equal(CR0_AFP, BIT64(45));
	assert_int_equal(CR0_VX, BIT64(46));
	assert_int_equal(CR0_EMERGENCY_SIGNAL, BIT64(49));
	assert_int_equal(CR0_EXTERNAL_CALL, BIT64(50));
	assert_int_equal(CR0_CLOCK_COMP, BIT64(52));
	assert_int_equal(CR0_CPU_TIMER, BIT64(53));
	assert_int_equal(CR0_SERVICE_SIGNAL, BIT64(54));
	assert_int_equal(CR14_CHANNEL_REPORT, BIT64(35));
	assert_int_equal(MCIC_CHANNEL_REPORT, BIT64(9));
	assert_int_equal(MCIC_VALID_PSW_WP, BIT64(20));
	assert_int_equal(MCIC_VALID_PSW_MS, BIT64(21));
	assert_int_equal(MCIC_VALID_PSW_PM, BIT64(22));
	assert_int_equal(MCIC_VALID_PSW_IA, BIT64(23));
	assert_int_equal(MCIC_VALID_GPRS, 0x0000000800000000ULL);
	assert_int_equal(MCIC_VALID_CRS, 0x0000000400000000ULL);
	/* SIGP orders (ch. 4 "Signal Processor"). */
	assert_int_equal(SIGP_SENSE, 0x01);
	assert_int_equal(SIGP_EXTERNAL_CALL, 0x02);
	assert_int_equal(SIGP_EMERGENCY_SIGNAL, 0x03);
	assert_int_equal(SIGP_START, 0x04);
	assert_int_equal(SIGP_STOP, 0x05);
	assert_int_equal(SIGP_RESTART, 0x06);
	assert_int_equal(SIGP_INITIAL_CPU_RESET, 0x0b);
	assert_int_equal(SIGP_CPU_RESET, 0x0c);
	assert_int_equal(SIGP_SET_PREFIX, 0x0d);
	assert_int_equal(SIGP_STORE_STATUS_AT_ADDRESS, 0x0e);
	assert_int_equal(SIGP_SET_ARCHITECTURE, 0x12);
	assert_int_equal(SIGP_SENSE_RUNNING, 0x15);
	/* Status bits (ch. 4 "Signal-Processor Status"): invalid order 30, stopped 25,
	 * invalid parameter 23, incorrect state 22, not running 21. */
	assert_int_equal(SIGP_STATUS_INVALID_ORDER, BIT32(30));
	assert_int_equal(SIGP_STATUS_STOPPED, BIT32(25));
	assert_int_equal(SIGP_STATUS_INVALID_PARAMETER, BIT32(23));
	assert_int_equal(SIGP_STATUS_INCORRECT_STATE, BIT32(22));
	assert_int_equal(SIGP_STATUS_NOT_RUNNING, BIT32(21));
	/* TOD clock: bit 51 is one microsecond (ch. 4 "TOD Clock"). */
	assert_int_equal(TOD_TICKS_PER_US, 1ULL << (63 - 51));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schib_and_pmcw_layout),
		cmocka_unit_test(scsw_and_irb_layout),
		cmocka_unit_test(orb_and_ccw),
		cmocka_unit_test(channel_report_word),
		cmocka_unit_test(chsc_codes),
		cmocka_unit_test(sclp_codes),
		cmocka_unit_test(psw_and_lowcore),
		cmocka_unit_test(interruption_codes_and_controls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
