/*
 * gazc: compiles gazetteer TSV lists (the .tsv files of data/gazetteer, format in data/README.md)
 * into the binary file the model maps at start-up (src/gaz/format.h). Run by the build; same input,
 * same bytes.
 *
 *   gazc [-n PREFIX] -o gazetteer.bin LIST.tsv...
 *
 * Each entry keeps the name of its list and its line there (--explain): the path as given, or
 * with -n, PREFIX followed by the file's base name ("data/gazetteer/people.tsv", whatever the
 * build folder).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gaz/gaz.h"

int
main(int argc, char **argv)
{
    const char *out = NULL, *prefix = NULL;
    int first = 1;
    if (argc > first + 1 && !strcmp(argv[first], "-n")) {
        prefix = argv[first + 1];
        first += 2;
    }
    if (argc > first + 1 && !strcmp(argv[first], "-o")) {
        out = argv[first + 1];
        first += 2;
    }
    if (!out || first >= argc) {
        fprintf(stderr, "usage: gazc [-n PREFIX] -o OUT.bin LIST.tsv...\n");
        return 1;
    }
    gaz_builder *b = gaz_builder_new();
    idner_error err = {0};
    if (!b) {
        fprintf(stderr, "gazc: out of memory\n");
        return 1;
    }
    for (int i = first; i < argc; i++) {
        char name[4096];
        const char *base = strrchr(argv[i], '/');
        base = base ? base + 1 : argv[i];
        if (prefix && snprintf(name, sizeof name, "%s%s", prefix, base) >= (int)sizeof name) {
            fprintf(stderr, "gazc: %s: name too long\n", argv[i]);
            gaz_builder_free(b);
            return 1;
        }
        if (gaz_builder_add_list(b, argv[i], prefix ? name : NULL, GAZ_RANK_OTHER, &err) !=
            IDNER_OK) {
            fprintf(stderr, "gazc: %s\n", err.message);
            gaz_builder_free(b);
            return 1;
        }
    }
    size_t entries = gaz_builder_count(b);
    void *img = NULL;
    size_t size = 0;
    if (gaz_builder_finish(b, &img, &size, &err) != IDNER_OK) {
        fprintf(stderr, "gazc: %s\n", err.message);
        gaz_builder_free(b);
        return 1;
    }
    gaz_builder_free(b);
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(img, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "gazc: cannot write %s\n", out);
        free(img);
        return 1;
    }
    free(img);
    printf("gazc: %zu entries, %zu bytes -> %s\n", entries, size, out);
    return 0;
}
