/* A VM's configuration: its name, memory and vCPU count, the guest's own command line
 * and any number of key=value settings that the architecture interprets (psci=1.0,
 * ras=v1p1, secure_tsc=1, ...). Parsed from "name=x key=value ... -- guest args". */
#ifndef HV_CONFIG_H
#define HV_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <hv/arch_if.h> /* struct config_key */

#define VM_CONFIG_MAX_KEYS 24
#define VM_CONFIG_TEXT 512

struct vm_config {
	char name[48];
	uint64_t mem_size;     /* bytes, from mem=<n>[K|M|G]; default set by the core */
	unsigned vcpus;        /* from vcpus=<n>; default 1 */
	char args[VM_CONFIG_TEXT];   /* the guest's command line (after "--") */
	unsigned nr_keys;
	struct { char key[32]; char value[64]; } kv[VM_CONFIG_MAX_KEYS];
};

/* Parses `spec`; returns 0, or -1 with a message in `err` (unknown syntax, too long...). */
int vm_config_parse(struct vm_config *cfg, const char *spec, char *err, size_t errlen);

/* The value of `key`, or NULL when absent. */
const char *vm_config_get(const struct vm_config *cfg, const char *key);
/* Integer value (decimal or 0x hex) of `key`, or `dflt` when absent; *ok false if malformed. */
uint64_t vm_config_get_u64(const struct vm_config *cfg, const char *key, uint64_t dflt, bool *ok);
/* Parses a size with an optional K/M/G suffix; returns false when malformed. */
bool parse_size(const char *s, uint64_t *out);

/* The keys the core itself reads (name, mem, vcpus, budget_ms, expect, ...). */
extern const struct config_key core_config_keys[];
extern const unsigned core_config_key_count;

/* Refuses a configuration naming a key that is neither the core's nor in `arch_keys`, or
 * a core key with a value outside its few words: returns -1 with a message naming the key
 * and listing the valid ones, 0 when every key is known. */
int vm_config_check_keys(const struct vm_config *cfg, const struct config_key *arch_keys,
			 unsigned nr_arch_keys, char *err, size_t errlen);

#endif
