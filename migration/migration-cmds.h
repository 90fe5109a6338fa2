/*
 * The migration monitor commands (private: the QMP and HMP tables list them).
 */
#ifndef MIGRATION_MIGRATION_CMDS_H
#define MIGRATION_MIGRATION_CMDS_H

#include "qemu/osdep.h"
#include <json-glib/json-glib.h>
#include "migration/migration.h"
#include "monitor/monitor.h"

JsonNode *qmp_cmd_migrate(Monitor *mon, JsonObject *args, Error **errp);
JsonNode *qmp_cmd_migrate_incoming(Monitor *mon, JsonObject *args, Error **errp);
JsonNode *qmp_cmd_migrate_cancel(Monitor *mon, JsonObject *args, Error **errp);
JsonNode *qmp_cmd_query_migrate(Monitor *mon, JsonObject *args, Error **errp);
JsonNode *qmp_cmd_migrate_set_capabilities(Monitor *mon, JsonObject *args, Error **errp);
JsonNode *qmp_cmd_query_migrate_capabilities(Monitor *mon, JsonObject *args, Error **errp);
JsonNode *qmp_cmd_migrate_set_parameters(Monitor *mon, JsonObject *args, Error **errp);
JsonNode *qmp_cmd_query_migrate_parameters(Monitor *mon, JsonObject *args, Error **errp);
/* The query-migrate return object for INFO. */
JsonObject *migration_info_to_json(const MigrationInfo *info);

void hmp_migrate(Monitor *mon, const char *args);
void hmp_migrate_incoming(Monitor *mon, const char *args);
void hmp_migrate_cancel(Monitor *mon, const char *args);
void hmp_migrate_set_capability(Monitor *mon, const char *args);
void hmp_migrate_set_parameter(Monitor *mon, const char *args);
void hmp_info_migrate(Monitor *mon, const char *args);

#endif
