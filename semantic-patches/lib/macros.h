/*
 * Macros spatch cannot parse without help, given with --macro-file by
 * mmprep-patches and tests/run-cocci.  A function spatch cannot parse is
 * invisible to every rule, those that block a conversion included.
 */
#define scoped_guard(...) if (1)
#define scoped_cond_guard(...) if (1)
