; testvisor's interrupt and exception entry points.
%include "arch/x86/include/x86/vectors.inc"
VECTOR_TABLE x86_exception
