#ifndef OKRSHEET_CLIBXML2_SHIM_H
#define OKRSHEET_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>
// zlib: XMLPackage inflates ZIP entries and checks their CRC-32 itself (inflate, crc32).
// libxml2 depends on zlib already; XMLPackage links it (`linkerSettings: [.linkedLibrary("z")]`).
#include <zlib.h>
#endif
