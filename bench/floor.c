/* The floor for reading a sheet: inflate one ZIP entry with zlib and feed it to libxml2's SAX2 push
 * parser, counting cells. Nothing else: no values parsed, no strings kept, one thread.
 *
 *   cc -O2 floor.c -lz $(pkg-config --cflags --libs libxml-2.0) -o floor
 *   floor FILE.xlsx|FILE.ods [ENTRY]
 *
 * Without ENTRY: content.xml for an ODS; for an XLSX, xl/sharedStrings.xml when there is one
 * (LibreOffice writes it; xlsxwriter's constant_memory mode does not), then xl/worksheets/sheet1.xml.
 * Counts <si>, <c> or <table:table-cell> elements (ODS repeats not expanded) and prints
 * "ENTRY: N NAME elements, M bytes inflated" per entry. Built and run by bench/run.
 *
 * The ZIP is read by hand: the end-of-central-directory record (ZIP64 too), the central directory
 * entry with the wanted name, its local header, then raw deflate (inflateInit2 with -MAX_WBITS) or a
 * stored copy.
 */
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void die(const char *m) { fprintf(stderr, "floor: %s\n", m); exit(1); }

static uint16_t u16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t u32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t u64(const unsigned char *p) { return (uint64_t)u32(p) | (uint64_t)u32(p + 4) << 32; }

static void read_at(FILE *f, uint64_t off, void *buf, size_t n) {
    if (fseeko(f, (off_t)off, SEEK_SET) != 0 || fread(buf, 1, n, f) != n) die("short read");
}

static unsigned long long cells;
static const char *cell_name = "c";

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                     const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs) {
    (void)ctx; (void)prefix; (void)uri; (void)nns; (void)ns; (void)nattr; (void)ndef; (void)attrs;
    if (strcmp((const char *)local, cell_name) == 0) cells++;
}

static void on_chars(void *ctx, const xmlChar *ch, int len) { (void)ctx; (void)ch; (void)len; }

/* The central directory record of NAME, or NULL. */
static const unsigned char *find(const unsigned char *cd, uint64_t n_entries, const char *name) {
    const unsigned char *p = cd;
    size_t len = strlen(name);
    for (uint64_t i = 0; i < n_entries; i++) {
        if (u32(p) != 0x02014b50) die("bad central directory");
        uint16_t nl = u16(p + 28), xl = u16(p + 30), cl = u16(p + 32);
        if (nl == len && memcmp(p + 46, name, nl) == 0) return p;
        p += 46 + nl + xl + cl;
    }
    return NULL;
}

/* Inflates entry WANT and parses it with libxml2's SAX2 push parser; prints what it counted. */
static void parse_entry(FILE *f, const unsigned char *cd, uint64_t n_entries, const char *want) {
    cells = 0;
    cell_name = strcmp(want, "content.xml") == 0 ? "table-cell" : strcmp(want, "xl/sharedStrings.xml") == 0 ? "si" : "c";
    uint64_t comp = 0, raw = 0, local = 0; int method = -1;
    const unsigned char *p = find(cd, n_entries, want);
    if (p) {
        uint16_t nl = u16(p + 28), xl = u16(p + 30);
        method = u16(p + 10); comp = u32(p + 20); raw = u32(p + 24); local = u32(p + 42);
        const unsigned char *x = p + 46 + nl, *end = x + xl; /* ZIP64 extra: sizes and offset */
        while (x + 4 <= end) {
            uint16_t id = u16(x), len = u16(x + 2);
            if (id == 0x0001) {
                const unsigned char *v = x + 4;
                if (raw == 0xffffffff) { raw = u64(v); v += 8; }
                if (comp == 0xffffffff) { comp = u64(v); v += 8; }
                if (local == 0xffffffff) { local = u64(v); }
            }
            x += 4 + len;
        }
    }
    if (method < 0) die("entry not found");
    unsigned char lh[30];
    read_at(f, local, lh, 30);
    if (u32(lh) != 0x04034b50) die("bad local header");
    uint64_t data = local + 30 + u16(lh + 26) + u16(lh + 28);
    if (fseeko(f, (off_t)data, SEEK_SET) != 0) die("seek");

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.characters = on_chars;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, want);
    if (!ctxt) die("xmlCreatePushParserCtxt");
    xmlCtxtUseOptions(ctxt, XML_PARSE_HUGE | XML_PARSE_NONET);

    enum { IN = 1 << 18, OUT = 1 << 18 };
    unsigned char *in = malloc(IN), *out = malloc(OUT);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (method == 8 && inflateInit2(&z, -MAX_WBITS) != Z_OK) die("inflateInit2");
    if (method != 8 && method != 0) die("unsupported compression method");
    uint64_t left = comp, total = 0;
    int done = 0;
    while (!done) {
        if (method == 0) { /* stored */
            size_t n = left < OUT ? (size_t)left : OUT;
            if (n == 0) break;
            if (fread(out, 1, n, f) != n) die("short read");
            left -= n; total += n;
            if (xmlParseChunk(ctxt, (const char *)out, (int)n, 0) != 0) die("XML error");
            continue;
        }
        if (z.avail_in == 0) {
            size_t n = left < IN ? (size_t)left : IN;
            if (n == 0) die("deflate stream runs past the entry");
            if (fread(in, 1, n, f) != n) die("short read");
            left -= n; z.next_in = in; z.avail_in = (uInt)n;
        }
        z.next_out = out; z.avail_out = OUT;
        int r = inflate(&z, Z_NO_FLUSH);
        if (r == Z_STREAM_END) done = 1;
        else if (r != Z_OK && r != Z_BUF_ERROR) die("inflate error");
        size_t got = OUT - z.avail_out;
        total += got;
        if (got && xmlParseChunk(ctxt, (const char *)out, (int)got, 0) != 0) die("XML error");
    }
    if (xmlParseChunk(ctxt, NULL, 0, 1) != 0) die("XML error at end");
    if (method == 8) inflateEnd(&z);
    if (total != raw) die("inflated size differs from the directory's");
    xmlFreeParserCtxt(ctxt);
    free(in);
    free(out);
    printf("%s: %llu %s elements, %llu bytes inflated\n", want, cells, cell_name, (unsigned long long)total);
}

int main(int argc, char **argv) {
    if (argc < 2) die("usage: floor FILE.xlsx|FILE.ods [ENTRY]");
    FILE *f = fopen(argv[1], "rb");
    if (!f) die("cannot open file");
    fseeko(f, 0, SEEK_END);
    uint64_t size = (uint64_t)ftello(f);

    /* End of central directory: the last 22..65557 bytes. */
    size_t tail = size < 65557 ? (size_t)size : 65557;
    unsigned char *t = malloc(tail);
    read_at(f, size - tail, t, tail);
    long eocd = -1;
    for (long i = (long)tail - 22; i >= 0; i--)
        if (u32(t + i) == 0x06054b50) { eocd = i; break; }
    if (eocd < 0) die("no end of central directory");
    uint64_t cd_off = u32(t + eocd + 16), cd_size = u32(t + eocd + 12), n_entries = u16(t + eocd + 10);
    if (eocd >= 20 && u32(t + eocd - 20) == 0x07064b50) { /* ZIP64 locator */
        unsigned char z[56];
        read_at(f, u64(t + eocd - 20 + 8), z, 56);
        if (u32(z) != 0x06064b50) die("bad ZIP64 end record");
        n_entries = u64(z + 32); cd_size = u64(z + 40); cd_off = u64(z + 48);
    }
    free(t);

    unsigned char *cd = malloc(cd_size);
    read_at(f, cd_off, cd, cd_size);
    if (argc > 2) {
        parse_entry(f, cd, n_entries, argv[2]);
    } else if (find(cd, n_entries, "content.xml")) { /* ODS */
        parse_entry(f, cd, n_entries, "content.xml");
    } else { /* XLSX: the shared strings (LibreOffice writes them; xlsxwriter's constant_memory does not), then the sheet */
        if (find(cd, n_entries, "xl/sharedStrings.xml")) parse_entry(f, cd, n_entries, "xl/sharedStrings.xml");
        parse_entry(f, cd, n_entries, "xl/worksheets/sheet1.xml");
    }
    free(cd);
    fclose(f);
    return 0;
}
