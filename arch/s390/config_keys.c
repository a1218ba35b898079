/* The guest-spec keys s390x reads (the core refuses any other; docs/s390.md). */
#include <hv/arch_if.h>

const struct config_key arch_config_keys[] = {
	{ "chp_events", "scripted channel-path events: vary_off|vary_on|offline|online:<chpid>@<ms>,... (docs/s390.md)" },
	{ "crw_queue_depth", "CRWs the channel subsystem queues before losing one, 1-8 (assumption, docs/s390.md)" },
};
const unsigned arch_config_key_count = sizeof(arch_config_keys) / sizeof(arch_config_keys[0]);
