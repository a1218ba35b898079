; testvisor's interrupt and exception entry points.
%include "vectors.inc"
VECTOR_TABLE x86_exception
