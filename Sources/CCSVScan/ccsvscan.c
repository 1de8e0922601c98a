// The classifier is all in the header (static inline, so Swift can inline it); SwiftPM wants a
// source file in a C target.
#include "ccsvscan.h"
