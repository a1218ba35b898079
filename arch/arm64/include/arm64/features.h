/* Which ID register fields announce each feature (feature_table.c): host detection, and
 * hiding a feature from a VM's ID registers. Pure logic, host unit-tested. */
#ifndef ARM64_FEATURES_H
#define ARM64_FEATURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arm64/cpu_view.h>

/* The features the host has, from its ID register values. */
uint64_t features_of_ids(const uint64_t id[ID_REG_COUNT]);
/* Lowers the fields announcing `feature` below the value that announces it. */
void features_hide(uint64_t id[ID_REG_COUNT], enum cpu_feature feature);
/* The feature a config name ("lor", "pauth", ...) means, if a VM may hide it. */
bool feature_by_name(const char *name, enum cpu_feature *out);
const char *feature_name(enum cpu_feature f);
/* Features testvisor never gives a VM (their instructions or registers are trapped). */
uint64_t features_never_exposed(void);

/* Reads and writes a 4-bit ID register field. */
static inline unsigned id_field(uint64_t v, unsigned shift) { return (unsigned)(v >> shift) & 0xf; }
static inline uint64_t id_field_set(uint64_t v, unsigned shift, unsigned x)
{
	return (v & ~(0xfull << shift)) | ((uint64_t)(x & 0xf) << shift);
}

/* RAS in ID_AA64PFR0_EL1.RAS (bits 31:28) and ID_AA64PFR1_EL1.RAS_frac (bits 15:12). */
#define PFR0_RAS_SHIFT 28
#define PFR1_RAS_FRAC_SHIFT 12
enum ras_level ras_level_of_ids(const uint64_t id[ID_REG_COUNT]);

/* One way of announcing a RAS level: the config name and the two fields' values. */
struct ras_form {
	const char *name;   /* ras= value: none, v1, v1p1, v1p1-frac */
	enum ras_level level;
	uint8_t ras, frac;  /* ID_AA64PFR0_EL1.RAS, ID_AA64PFR1_EL1.RAS_frac */
};
const struct ras_form *ras_form_by_name(const char *s); /* NULL: not a ras= value */
const struct ras_form *ras_form_canonical(enum ras_level level);
void ras_form_apply(uint64_t id[ID_REG_COUNT], const struct ras_form *f);
/* Announces `level` in its canonical form. */
void ras_level_set(uint64_t id[ID_REG_COUNT], enum ras_level level);

#endif
