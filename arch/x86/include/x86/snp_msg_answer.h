/* What the model SNP firmware answers to each guest message it opened (SNP firmware ABI,
 * pub. 56860, "Guest Messages", message types; Linux include/uapi/linux/sev-guest.h and
 * drivers/virt/coco/sev-guest for the payloads a guest sends and reads):
 *   MSG_KEY_REQ 3 -> MSG_KEY_RSP 4, MSG_REPORT_REQ 5 -> MSG_REPORT_RSP 6,
 *   MSG_TSC_INFO_REQ 17 -> MSG_TSC_INFO_RSP 18.
 * The requester's VMPL is the number of the VMPCK that sealed the request. Pure over the
 * model's guest state; the report is signed with the model's VCEK (p384_ecdsa.h). */
#ifndef X86_SNP_MSG_ANSWER_H
#define X86_SNP_MSG_ANSWER_H

#include <stddef.h>
#include <stdint.h>
#include <x86/psp.h>
#include <x86/snp_guest_msg.h>

#define SNP_MSG_KEY_REQ 3
#define SNP_MSG_KEY_RSP 4
#define SNP_MSG_REPORT_REQ 5
#define SNP_MSG_REPORT_RSP 6

/* MSG_REPORT_REQ (Linux struct snp_report_req): REPORT_DATA 0x00 (64), VMPL 0x40 (4),
 * KEY_SEL bits 1:0 of 0x44, reserved to 0x5F. */
#define SNP_REPORT_REQ_SIZE 96
/* MSG_REPORT_RSP (Linux struct snp_msg_report_resp_hdr): STATUS 0x00, REPORT_SIZE 0x04,
 * reserved to 0x1F, the ATTESTATION_REPORT at 0x20. */
#define SNP_REPORT_SIZE 0x4A0
#define SNP_REPORT_RSP_SIZE (0x20 + SNP_REPORT_SIZE)
/* MSG_KEY_REQ (Linux struct snp_derived_key_req): ROOT_KEY_SELECT 0x00 (bit 0: 0 VCEK,
 * 1 VMRK; bits 2:1 KEY_SEL), reserved 0x04, GUEST_FIELD_SELECT 0x08 (8), VMPL 0x10,
 * GUEST_SVN 0x14, TCB_VERSION 0x18 (8). MSG_KEY_RSP: STATUS 0x00, DERIVED_KEY 0x20 (32). */
#define SNP_KEY_REQ_SIZE 32
#define SNP_KEY_RSP_SIZE 64
#define SNP_KEY_FIELD_POLICY (1ull << 0)
#define SNP_KEY_FIELD_IMAGE_ID (1ull << 1)
#define SNP_KEY_FIELD_FAMILY_ID (1ull << 2)
#define SNP_KEY_FIELD_MEASUREMENT (1ull << 3)
#define SNP_KEY_FIELD_GUEST_SVN (1ull << 4)
#define SNP_KEY_FIELD_TCB_VERSION (1ull << 5)
#define SNP_KEY_FIELDS_DEFINED 0x3full

/* Status in the report and key responses (Linux sev-guest SNP_REPORT_INVALID_PARAM,
 * SNP_REPORT_INVALID_KEY_SEL). */
#define SNP_MSG_STATUS_OK 0x00
#define SNP_MSG_STATUS_INVALID_PARAM 0x16
#define SNP_MSG_STATUS_INVALID_KEY_SEL 0x27

/* ATTESTATION_REPORT fields (SNP ABI, "ATTESTATION_REPORT Structure"). */
#define SNP_REPORT_VERSION_OFF 0x000
#define SNP_REPORT_GUEST_SVN_OFF 0x004
#define SNP_REPORT_POLICY_OFF 0x008
#define SNP_REPORT_FAMILY_ID_OFF 0x010
#define SNP_REPORT_IMAGE_ID_OFF 0x020
#define SNP_REPORT_VMPL_OFF 0x030
#define SNP_REPORT_SIG_ALGO_OFF 0x034
#define SNP_REPORT_CURRENT_TCB_OFF 0x038
#define SNP_REPORT_PLATFORM_INFO_OFF 0x040
#define SNP_REPORT_KEY_INFO_OFF 0x048    /* AUTHOR_KEY_EN 0, MASK_CHIP_KEY 1, SIGNING_KEY 4:2 */
#define SNP_REPORT_REPORT_DATA_OFF 0x050
#define SNP_REPORT_MEASUREMENT_OFF 0x090
#define SNP_REPORT_HOST_DATA_OFF 0x0C0
#define SNP_REPORT_ID_KEY_DIGEST_OFF 0x0E0
#define SNP_REPORT_AUTHOR_KEY_DIGEST_OFF 0x110
#define SNP_REPORT_REPORT_ID_OFF 0x140
#define SNP_REPORT_REPORT_ID_MA_OFF 0x160
#define SNP_REPORT_REPORTED_TCB_OFF 0x180
#define SNP_REPORT_CHIP_ID_OFF 0x1A0
#define SNP_REPORT_COMMITTED_TCB_OFF 0x1E0
#define SNP_REPORT_CURRENT_VERSION_OFF 0x1E8   /* BUILD, MINOR, MAJOR */
#define SNP_REPORT_COMMITTED_VERSION_OFF 0x1EC /* BUILD, MINOR, MAJOR */
#define SNP_REPORT_LAUNCH_TCB_OFF 0x1F0
#define SNP_REPORT_SIGNATURE_OFF 0x2A0         /* R 72 bytes, S 72 bytes, little-endian */
#define SNP_REPORT_SIGNED_LEN 0x2A0
#define SNP_REPORT_VERSION 2                   /* the report of ABI 1.55, the model's */
#define SNP_REPORT_SIG_ALGO_ECDSA_P384_SHA384 1

/* Model constants (**assumption**, docs/x86-sev.md): the VCEK's private key is the
 * SHA-384 digest of this text; TCB_VERSION (bootloader byte 0, TEE 1, SNP 6, microcode 7)
 * current, committed, reported and at launch; the chip's CHIP_ID is this text, zero-filled
 * to 64 bytes. */
#define SNP_MODEL_VCEK_SEED "testvisor model VCEK"
#define SNP_MODEL_VMRK_SEED "testvisor model VMRK"
#define SNP_MODEL_TCB 0x7308000000000003ull
#define SNP_MODEL_CHIP_ID "testvisor model PSP: no chip"

/* The response payload to `req` (opened, sealed with VMPCK `vmpck`) into `answer`
 * (SNP_MSG_PAYLOAD_MAX bytes); its size, 0 for a type or size the model does not answer.
 * The response type is the request's + 1. */
size_t snp_msg_answer(const struct psp_model *m, const struct psp_model_guest *g, unsigned vmpck,
		      const struct snp_msg *req, uint8_t *answer);

#endif
