/* A VM's configuration: its name, memory and vCPU count, the guest's own command line
 * and any number of key=value settings that the architecture interprets (psci=1.0,
 * ras=v1p1, secure_tsc=1, ...). Parsed from "name=x key=value ... -- guest args". */
#ifndef HV_CONFIG_H
#define HV_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

#endif
