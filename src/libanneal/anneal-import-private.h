/* anneal-import-private.h — what the Python reader and the library table share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TOK_NAME,
  TOK_NUMBER,
  TOK_STRING,
  TOK_OP,
  TOK_NEWLINE,
  TOK_EOF,
} TokenType;

typedef struct
{
  TokenType   type;
  guint       line;
  guint       column;
  gsize       start;      /* bytes of the source */
  gsize       end;
  double      number;     /* TOK_NUMBER */
  gboolean    is_int;
  gboolean    big;        /* an integer a double cannot hold exactly, or absurdly long */
  gboolean    imaginary;
  gboolean    fstring;
  gboolean    bytes;      /* TOK_STRING: b"…" */
  const char *str;        /* TOK_STRING: the decoded text */
  gsize       str_len;
  const char *unread;     /* TOK_STRING: an escape Anneal does not decode (an untranslated
                           * msgid), at unread_line, unread_column; NULL: none */
  guint       unread_line;
  guint       unread_column;
  guint       match;      /* brackets: index of the partner */
} Token;

typedef enum
{
  NODE_NUMBER,
  NODE_STRING,
  NODE_BOOL,
  NODE_NONE,
  NODE_NAME,
  NODE_ATTR,
  NODE_CALL,
  NODE_SUBSCRIPT,
  NODE_BINOP,
  NODE_UNARY,
  NODE_LIST,
  NODE_TUPLE,
  NODE_DICT,
  NODE_OPAQUE,
} NodeType;

typedef struct _Node Node;
struct _Node
{
  NodeType    type;
  guint       tok;        /* where it starts */
  const char *op;
  const char *text;       /* NAME, ATTR: the name; STRING: the text */
  gsize       text_len;
  double      number;     /* BOOL */
  Node       *left;
  Node       *right;
  Node       *cond;       /* a if cond else b */
  GPtrArray  *items;      /* CALL arguments, LIST/TUPLE items, DICT keys and values */
  GPtrArray  *keys;       /* CALL: keyword of each argument, or NULL */
  guint       star;       /* a *x or **x inside: the token */
  guint       paren;      /* CALL: the '(' */
  gboolean    trailing_comma;
  gboolean    lambda;
  const char *builds;     /* a lambda whose body calls a schedule function: its name */
  const char *reason;     /* OPAQUE: what it is, an untranslated msgid */
  guint       reason_line; /* OPAQUE: where that is, when not at its first token; 0: there */
  guint       reason_column;
};

typedef enum
{
  VAL_OPAQUE,     /* something Anneal cannot compute; `reason` says what */
  VAL_NONE,
  VAL_BOOL,
  VAL_NUMBER,
  VAL_STRING,
  VAL_LIST,
  VAL_DICT,       /* items: key, value, key, value, … */
  VAL_REF,        /* a module, class or function: `str` is its dotted path */
  VAL_OPTIMIZER,
  VAL_SCHEDULE,
  VAL_FAILED,     /* a schedule call that cannot be reproduced; `reason` says why */
  VAL_GROUP,      /* optimizer.param_groups, or one of them: `group` is the optimizer's */
} ValueType;

typedef struct _Value Value;

typedef struct
{
  const char *name;       /* the class, as called: "SGD", "AdamW", … */
  Value   *params;        /* what its first argument (params=) gave, NULL: nothing */
  Value   *lr;            /* what lr= gave (a number, or opaque), NULL: unknown */
  Value   *group_lr;      /* its param_groups' "lr" as the text set it before its first
                           * scheduler (`group["lr"] = …`), NULL: lr */
  Value   *group_initial; /* its param_groups' "initial_lr" as the text set it then, which
                           * PyTorch and timm keep (setdefault), NULL: none */
  guint    group_initial_line;
  gboolean has_initial;   /* a scheduler set param_group['initial_lr'] */
  Value   *initial;
  guint    initial_line;  /* where: the text's line, or the first scheduler's */
  Value   *rate;          /* from then on: the group's "lr" when it was built */
  guint    set_again;     /* the line of a `group["lr"] = …` after that, or 0 */
} Optimizer;

typedef struct
{
  const char *text;       /* kind(args), without for= */
  gint64      length;     /* epochs, −1: unbounded */
} Stage;

typedef struct _Schedule Schedule;
struct _Schedule
{
  GArray     *stages;     /* Stage */
  const char *label;
  const char *library;
  gboolean    per_step;
  gboolean    consumed;   /* used inside another schedule */
  const char *restarted;  /* PyTorch: the one stage it is when SequentialLR restarts it
                           * with step(0) and that differs from its stages, else NULL */
  const char *restart_error; /* PyTorch: why that restart raises in PyTorch (a translated
                              * reason), else NULL */
  Optimizer  *optimizer;  /* PyTorch: the optimizer whose rate it starts from, or NULL */
  Schedule   *alone;      /* PyTorch: when its optimizer's initial_lr, set by the text,
                           * differs from its rate: the schedule it is stepped alone or in
                           * a ChainedScheduler (from the rate; SequentialLR restarts it
                           * from initial_lr, as its stages are); NULL: its stages */
  const char *alone_error; /* or why that cannot be written (translated), at alone_line */
  guint       alone_line;
  guint       alone_column;
  double      base_rate;  /* PyTorch: param_group['initial_lr'], which its constant stages
                           * are factors of, when neither its last stage nor its restart
                           * has that rate; else 0 */
  Value      *group_start; /* PyTorch: the optimizer's initial_lr when it was built, for a
                            * scheduler that steps from the group's rate (get_lr from
                            * group['lr']), which a SequentialLR resets to the initial_lr
                            * it finds before its first stage; OneCycleLR: the initial_lr it
                            * set, with the max_lr and min_lr it reads at every step; NULL:
                            * neither */
};

struct _Value
{
  ValueType   type;
  guint       line;       /* where it comes from */
  guint       column;
  double      number;
  gboolean    is_int;
  const char *str;
  gsize       str_len;
  const char *reason;     /* OPAQUE, FAILED: a translated message */
  GPtrArray  *items;
  Optimizer  *optimizer;  /* OPTIMIZER: its own */
  Optimizer  *group;      /* GROUP: the optimizer's (not owned) */
  gboolean    other_group; /* GROUP: param_groups[k], k ≥ 1: not the first group, whose
                            * schedule Anneal draws */
  Schedule   *schedule;
  gboolean    lambda;
  gboolean    builds;     /* OPAQUE: a lambda building a schedule; `reason` says which */
  Optimizer  *on;         /* SCHEDULE, FAILED: the optimizer it is built on, and the name */
  const char *on_name;    /* its argument gives, as far as known, else NULL */
  guint       scope;      /* SCHEDULE, FAILED: the def or class body (Ctx.scope_id) */
  guint8      was_list;   /* OPAQUE: a list changed in place, 1, or an empty one, 2 */
};

typedef struct
{
  const char   *src;
  gsize         len;
  GArray       *toks;
  GStringChunk *strings;
  GPtrArray    *nodes;
  GPtrArray    *values;
  guint         pos;
  guint         depth;
  const char   *parse_error;
  guint         parse_error_tok;
  GHashTable   *env;             /* name → Value */
  GHashTable   *scope;           /* inside a def or class body: the names it set, each
                                  * → the Value it had before (NULL: none), put back
                                  * when the body ends; NULL: the module's level */
  guint         scope_id;        /* which body that is (a new number for each), 0: none */
  double        base_lr;         /* --lr, or NAN */
  GPtrArray    *schedules;       /* Value (SCHEDULE or FAILED) of every schedule call */
  Value        *given;           /* Keras, optax: the schedule an optimizer is given
                                  * (`optax.adam(learning_rate=s)`), the one drawn */
  guint         given_line;
  guint         other_given_line; /* a line giving an optimizer another one, 0: none */
  Value        *last_optimizer;
  guint         n_optimizers;    /* built in the text, outside blocks decided at run time */
  GPtrArray    *optimizers;      /* Optimizer: those, and those of named_optimizers */
  GHashTable   *named_optimizers; /* an optimizer the text names but does not build
                                   * (`optimizer.param_groups`): its name → Optimizer */
  Value        *group_lr;        /* a `group["lr"] = …` on what may be a parameter group
                                  * of any optimizer (whose, Anneal cannot tell) */
  guint         broken_tok;      /* the first statement with a schedule call that does not */
  const char   *broken_reason;   /* parse: where and why (untranslated), NULL: none */
  const char   *broken_call;
  GError       *error;
  guint         error_line;
  guint         error_column;
  const char   *changed;         /* a scheduler changed after it was built (an attribute
                                  * set, load_state_dict()), which Anneal does not
                                  * follow: why, and where (the first), else NULL */
  guint         changed_line;
  guint         changed_column;
  gsize         made;            /* list items and string bytes the text's `+` and `*`
                                  * made, in all (IMPORT_MADE_MAX) */
  const char   *run_time;        /* the statement is in a block that runs or not, or
                                  * more than once, as the program goes (under `if`,
                                  * `else`, `for`, …): a translated "under 'if' on line
                                  * N"; NULL: straight-line code */
} Ctx;

#define CALL_MAX_PARAMS 24

typedef struct _LibFunc LibFunc;

typedef struct
{
  Ctx           *ctx;
  const LibFunc *func;
  guint          line;           /* the call's name */
  guint          column;
  const char    *names[CALL_MAX_PARAMS];
  Value         *args[CALL_MAX_PARAMS];
  guint          arg_line[CALL_MAX_PARAMS];
  guint          arg_column[CALL_MAX_PARAMS];
  guint          n_params;
  gboolean       failed;
  Optimizer     *optimizer;      /* PyTorch: the one whose rate the schedule starts from */
  gboolean       from_rate;      /* PyTorch: from the group's rate, not its initial_lr */
  const char    *fail_reason;    /* translated */
  guint          fail_line;
  guint          fail_column;
} Call;

typedef gboolean (*Translate) (Call     *call,
                               Schedule *out);

struct _LibFunc
{
  const char *name;       /* the last part of its dotted path */
  const char *library;
  const char *label;      /* untranslated msgid */
  const char *signature;  /* "optimizer step_size ?gamma …": '?' optional, '*' keyword-only after */
  Translate   translate;
  gboolean    per_step;
};

/* anneal-import.c, for the library table */
Value         *value_new        (Ctx        *ctx,
                                 ValueType   type,
                                 guint       line,
                                 guint       column);
Schedule      *schedule_new     (const LibFunc *func);
void           schedule_free    (Schedule   *schedule);
const char    *ctx_strdup_printf (Ctx        *ctx,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (2, 3);

/* anneal-import-libs.c */
const LibFunc *anneal_import_lookup_func      (const char *name);
gboolean       anneal_import_is_optimizer     (const char *name,
                                               double     *default_lr);
gboolean       anneal_import_call             (Call       *call,
                                               Schedule   *out);

G_END_DECLS
