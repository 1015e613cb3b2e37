/* docs/example.c: the README's C example (and libidner(3)'s): annotate one text with the
 * installed library.  cc example.c $(pkg-config --cflags --libs idner) */
#include <idner.h>
#include <stdio.h>
#include <string.h>

int
main(void)
{
    idner_model *model;
    idner_error err;
    if (idner_model_new(NULL, &model, &err) != IDNER_OK) { /* load once, share by threads */
        fprintf(stderr, "idner: %s\n", err.message);
        return 1;
    }
    const char *text = "Presiden Prabowo Subianto tiba di Tokyo, Jepang, Senin (4/11/2024).";
    idner_annotate_options opts;
    idner_annotate_options_init(&opts);
    opts.ref_date = "2024-11-04";
    idner_result *r;
    if (idner_annotate(model, text, strlen(text), &opts, &r, &err) != IDNER_OK) {
        fprintf(stderr, "idner: %s\n", err.message);
        idner_model_free(model);
        return 1;
    }
    for (size_t i = 0; i < idner_result_count(r); i++) {
        const idner_entity *e = idner_result_get(r, i);
        printf("%s\t%s\t%s\n", idner_type_name(e->type), e->text,
               e->value       ? e->value
               : e->canonical ? e->canonical
                              : "");
    }
    idner_result_free(r);
    idner_model_free(model);
    return 0;
}
