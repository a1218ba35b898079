/* testvisor's control DIAGNOSE: what a payload may ask testvisor (and nothing else may).
 * DIAG with this code, r1 = function, r3 = argument/result. On bare QEMU the code is
 * unknown and raises a specification exception, which is how a payload tells. */
#ifndef TV_DIAG_H
#define TV_DIAG_H

#define TV_DIAG_CONTROL 0x7e0
/* Channel-path events on CHPID r3 (r3 = 0 afterwards, or -1 if no subchannel uses it),
 * the four kinds Linux's vfio-ccw tells apart (docs/s390.md): */
#define TV_CTL_VARY_OFF 1   /* logical vary off: POM and LPM bits cleared, no CRW */
#define TV_CTL_VARY_ON  2   /* logical vary on: POM and LPM bits set, no CRW */
#define TV_CTL_PROBE    3   /* r3 = TV_PROBE_MAGIC */
#define TV_CTL_CHP_OFFLINE 4 /* the path goes: PAM bit cleared, CRW "permanent error" */
#define TV_CTL_CHP_ONLINE  5 /* the path comes: PAM bit set, CRW "initialized" */
#define TV_PROBE_MAGIC  0x54565352u /* "TVSR" */

#endif
