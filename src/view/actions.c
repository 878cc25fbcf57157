/* actions.c - names and help texts of the actions, from the one table in actions.h. */
#include "flamex/view/actions.h"

#include <string.h>

struct action_info {
    const char *name;
    const char *help;
};

static const struct action_info action_table[ACTION_COUNT] = {
    [ACTION_NONE] = { "", "" },
#define ACTION_ROW(id, name, help) [ACTION_##id] = { name, help },
    ACTION_LIST(ACTION_ROW)
#undef ACTION_ROW
};

const char *action_name(enum action_id id)
{
    return id < ACTION_COUNT ? action_table[id].name : "";
}

const char *action_help(enum action_id id)
{
    return id < ACTION_COUNT ? action_table[id].help : "";
}

enum action_id action_find(const char *name)
{
    for (int id = 1; id < ACTION_COUNT; id++)
        if (strcmp(action_table[id].name, name) == 0)
            return (enum action_id)id;
    return ACTION_NONE;
}
