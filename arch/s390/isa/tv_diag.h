/* testvisor's control DIAGNOSE: what a payload may ask testvisor (and nothing else may).
 * DIAG with this code, r1 = function, r3 = argument/result. On bare QEMU the code is
 * unknown and raises a specification exception, which is how a payload tells. */
#ifndef TV_DIAG_H
#define TV_DIAG_H

#define TV_DIAG_CONTROL 0x7e0
#define TV_CTL_VARY_OFF 1   /* vary channel path r3 off: r3 = 0, or -1 if unknown */
#define TV_CTL_VARY_ON  2   /* vary channel path r3 on */
#define TV_CTL_PROBE    3   /* r3 = TV_PROBE_MAGIC */
#define TV_PROBE_MAGIC  0x54565352u /* "TVSR" */

#endif
