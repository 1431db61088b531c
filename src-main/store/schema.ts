// The `.lab` schema: application id, schema version and the ordered migrations that build it.
/** "LabP" as a 32-bit big-endian integer: marks the SQLite file as a Lab Planner lab. */
export const LAB_APPLICATION_ID = 0x4c616250;
export const CURRENT_SCHEMA_VERSION = 2;
